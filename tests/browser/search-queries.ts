/**
 * Queries a citizen would type, in their own words, with the page that must come up in the top 3.
 * Chinese queries are written without spaces and with colloquial words.
 */
export interface SearchCase {
  lang: 'zh-CN' | 'en';
  query: string;
  /** Path (without the /en prefix) that must appear in the top 3. */
  expect: string;
}

export const searchCases: SearchCase[] = [
  { lang: 'zh-CN', query: '办营业执照', expect: '/services/business-licence/' },
  { lang: 'zh-CN', query: '营业执照', expect: '/services/business-licence/' },
  { lang: 'zh-CN', query: '开公司', expect: '/services/business-licence/' },
  { lang: 'zh-CN', query: '个体户营业执照', expect: '/services/individual-business-licence/' },
  { lang: 'zh-CN', query: '公司注销', expect: '/services/business-deregistration/' },
  { lang: 'zh-CN', query: '公积金怎么取', expect: '/services/provident-fund-withdrawal/' },
  { lang: 'zh-CN', query: '租房提取公积金', expect: '/services/provident-fund-withdrawal/' },
  { lang: 'zh-CN', query: '公积金贷款', expect: '/services/provident-fund-loan/' },
  { lang: 'zh-CN', query: '社保卡丢了', expect: '/services/social-security-card-replacement/' },
  { lang: 'zh-CN', query: '办社保卡', expect: '/services/social-security-card/' },
  { lang: 'zh-CN', query: '医保报销', expect: '/services/medical-reimbursement/' },
  { lang: 'zh-CN', query: '异地就医备案', expect: '/services/cross-region-medical-filing/' },
  { lang: 'zh-CN', query: '失业金', expect: '/services/unemployment-insurance/' },
  { lang: 'zh-CN', query: '居住证', expect: '/services/residence-permit/' },
  { lang: 'zh-CN', query: '换驾照', expect: '/services/driving-licence-renewal/' },
  { lang: 'zh-CN', query: '身份证过期', expect: '/services/id-card-application/' },
  { lang: 'zh-CN', query: '无犯罪记录证明', expect: '/services/no-criminal-record/' },
  { lang: 'zh-CN', query: '领结婚证', expect: '/services/marriage-registration/' },
  { lang: 'zh-CN', query: '离婚', expect: '/services/divorce-registration/' },
  { lang: 'zh-CN', query: '低保', expect: '/services/minimum-living-allowance/' },
  { lang: 'zh-CN', query: '施工许可证', expect: '/services/building-permit/' },
  { lang: 'zh-CN', query: '公租房申请', expect: '/services/public-rental-housing/' },
  { lang: 'zh-CN', query: '税务登记', expect: '/services/tax-registration/' },
  { lang: 'zh-CN', query: '个税退税', expect: '/services/individual-income-tax-refund/' },
  { lang: 'zh-CN', query: '房产过户', expect: '/services/real-estate-registration/' },
  { lang: 'zh-CN', query: '小学入学报名', expect: '/services/school-enrolment/' },
  { lang: 'zh-CN', query: '出生证明', expect: '/services/birth-certificate/' },
  { lang: 'zh-CN', query: '户口迁移', expect: '/services/household-registration-transfer/' },
  { lang: 'en', query: 'business licence', expect: '/services/business-licence/' },
  { lang: 'en', query: 'start a business', expect: '/services/business-licence/' },
  { lang: 'en', query: 'renew driving licence', expect: '/services/driving-licence-renewal/' },
  { lang: 'en', query: 'social security card', expect: '/services/social-security-card/' },
  { lang: 'en', query: 'lost social security card', expect: '/services/social-security-card-replacement/' },
  { lang: 'en', query: 'medical reimbursement', expect: '/services/medical-reimbursement/' },
  { lang: 'en', query: 'housing provident fund withdrawal', expect: '/services/provident-fund-withdrawal/' },
  { lang: 'en', query: 'residence permit', expect: '/services/residence-permit/' },
  { lang: 'en', query: 'marriage registration', expect: '/services/marriage-registration/' },
  { lang: 'en', query: 'building permit', expect: '/services/building-permit/' },
  { lang: 'en', query: 'tax registration', expect: '/services/tax-registration/' },
  { lang: 'en', query: 'criminal record certificate', expect: '/services/no-criminal-record/' },
  { lang: 'en', query: 'birth certificate', expect: '/services/birth-certificate/' },
  { lang: 'en', query: 'school enrolment', expect: '/services/school-enrolment/' },
  // Guides imported from the guide system's structured export (data/guide-exports/).
  { lang: 'zh-CN', query: '办狗证', expect: '/services/sl-psb-0103/' },
  { lang: 'zh-CN', query: '残疾人补贴', expect: '/services/sl-civ-0101/' },
  { lang: 'zh-CN', query: '孩子转学', expect: '/services/sl-edu-0104/' },
  { lang: 'zh-CN', query: '占用绿地', expect: '/services/sl-urb-0102/' },
  { lang: 'en', query: 'school transfer', expect: '/services/sl-edu-0104/' },
  // Rules, by the words a citizen uses for them.
  { lang: 'zh-CN', query: '好差评办法', expect: '/rules/service-rating-measures-2025/' },
  { lang: 'zh-CN', query: '公积金提取管理办法', expect: '/rules/provident-fund-withdrawal-measures-2024/' },
  { lang: 'en', query: 'minimum living allowance measures', expect: '/rules/minimum-living-allowance-measures/' },
];

/**
 * Chinese words that must be matched as words: pages with the word come before pages with only its
 * characters. 离婚, 执照 and 驾照 are words to the browser's segmenter; 社保, 低保, 医保, 个税 and
 * 公积金 are split into characters by it and by the index, so the search page also searches them as
 * phrases (src/lib/search-words.ts).
 */
export const twoCharacterWords = ['离婚', '低保', '社保', '医保', '个税', '公积金', '执照', '驾照'];

/** Filter checks: a query with a Pagefind filter returns only pages of that filter value. */
export const filterCases: { lang: 'zh-CN' | 'en'; query: string; filter: Record<string, string>; expect: string }[] = [
  { lang: 'zh-CN', query: '公积金', filter: { kind: 'rule' }, expect: '/rules/provident-fund-withdrawal-measures-2024/' },
  { lang: 'zh-CN', query: '补贴', filter: { department: '示例市民政局' }, expect: '/services/sl-civ-0101/' },
  { lang: 'en', query: 'business licence', filter: { serves: 'Businesses and organisations' }, expect: '/services/business-licence/' },
];
