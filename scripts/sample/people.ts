/**
 * Fake personal data for the fictional city: names, resident ID numbers (GB 11643, ISO 7064
 * MOD 11-2 check digit), mobiles, emails, addresses, licence plates, bank cards (Luhn) and
 * company names with unified social credit codes (GB 32100). All are made up; the check
 * characters are valid so that the pipeline's detectors are tested against realistic input.
 */
import { cumulative, drawIndex, type Rng } from './prng.ts';

/** Districts of the sample city, with their uneven shares of residents. */
export const DISTRICTS = ['临江区', '青山区', '白沙区', '新港区', '云台区', '枫林区', '示例高新区'] as const;
export const DISTRICT_WEIGHTS = [26, 19, 15, 13, 11, 9, 7];
const DISTRICT_CUM = cumulative(DISTRICT_WEIGHTS);

/** A district drawn by its share of residents. */
export function district(rng: Rng): string {
  return DISTRICTS[drawIndex(DISTRICT_CUM, rng)] ?? '临江区';
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉宇浩婷雪琳晨欣怡子涵梓轩一诺雨桐俊杰思远佳琪文博晓东建国志强海燕春梅国庆小龙';

/** A full name: surname plus one or two given-name characters. */
export function personName(rng: Rng): string {
  const surname = SURNAMES[Math.min(SURNAMES.length - 1, Math.floor(rng.next() ** 1.6 * SURNAMES.length))] ?? '王';
  const first = GIVEN[rng.int(GIVEN.length)] ?? '伟';
  return rng.chance(0.62) ? surname + first + (GIVEN[rng.int(GIVEN.length)] ?? '') : surname + first;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** ISO 7064 MOD 11-2 check character for the first 17 digits of a resident ID number. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] ?? '';
}

/** Whether an 18-character resident ID number has a valid check character. */
export function isValidIdNumber(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id) && idCheckChar(id.slice(0, 17)) === id[17];
}

/** Administrative division codes used as birthplaces (real format, fictional people). */
const AREA_CODES = ['440103', '440106', '440304', '320102', '320506', '330106', '510104', '430102', '370102', '420106', '610113', '350203', '450103', '360102', '410105', '130102'];

/** A resident ID number with a valid check digit, born between 1950 and 2008. */
export function idNumber(rng: Rng): string {
  const y = 1950 + rng.int(59);
  const m = 1 + rng.int(12);
  const d = 1 + rng.int(28);
  const body = `${rng.pick(AREA_CODES)}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(rng.int(1000)).padStart(3, '0')}`;
  return body + idCheckChar(body);
}

const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158', '159', '166', '176', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '198', '199'];

/** An 11-digit mainland mobile number. */
export function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(100_000_000)).padStart(8, '0');
}

/** A mobile number written the way people type it in free text. */
export function mobileInText(rng: Rng): string {
  const m = mobile(rng);
  const style = rng.int(5);
  if (style === 1) return `+86 ${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`;
  if (style === 2) return `${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`;
  if (style === 3) return `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`;
  return m;
}

const PINYIN = ['wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun', 'ma', 'zhu', 'hu', 'lin', 'he', 'gao', 'luo', 'zheng'];
const GIVEN_PINYIN = ['wei', 'fang', 'na', 'min', 'jing', 'lei', 'jun', 'yang', 'jie', 'tao', 'ming', 'hao', 'ting', 'xin', 'yu', 'chen', 'lin', 'qiang'];
const EMAIL_DOMAINS = ['qq.com', '163.com', '126.com', 'gmail.com'];

/** A personal email at a common real provider (so that a leak would be caught by the scan). */
export function email(rng: Rng): string {
  const domain = rng.weighted(EMAIL_DOMAINS, [5, 3, 2, 1]);
  if (domain === 'qq.com' && rng.chance(0.7)) return `${String(10_000_000 + rng.int(2_000_000_000))}@qq.com`;
  const local = rng.pick(PINYIN) + (rng.chance(0.5) ? rng.pick(GIVEN_PINYIN) : '') + (rng.chance(0.6) ? String(rng.int(10_000)) : '');
  return `${local}@${domain}`;
}

const ROADS = ['滨江路', '青山大道', '白沙街', '新港路', '云台路', '枫林路', '人民路', '建设路', '解放路', '中山路', '学府路', '科技大道', '长江路', '望湖路', '东风路', '幸福路', '朝阳街', '金桂路'];
const COMMUNITIES = ['阳光花园', '锦绣家园', '翠湖小区', '江景苑', '书香名邸', '幸福里', '和平新村', '金色港湾', '碧桂花城', '云台雅苑'];

/** A street address in the sample city, optionally with building and flat. */
export function address(rng: Rng, district = DISTRICTS[rng.int(DISTRICTS.length)] ?? '临江区'): string {
  if (rng.chance(0.35)) return `${district}${rng.pick(COMMUNITIES)}${1 + rng.int(30)}栋${1 + rng.int(3)}单元${1 + rng.int(28)}0${1 + rng.int(6)}室`;
  const base = `${district}${rng.pick(ROADS)}${1 + rng.int(300)}号`;
  return rng.chance(0.6) ? `${base}${1 + rng.int(20)}栋${1 + rng.int(30)}0${1 + rng.int(4)}室` : base;
}

const PROVINCES = '粤湘赣桂闽浙苏鄂川渝京沪鲁豫';
const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A licence plate: blue (粤B12345 / 粤B1A23C) or new-energy (粤BD12345). */
export function licencePlate(rng: Rng): string {
  const head = (PROVINCES[rng.int(PROVINCES.length)] ?? '粤') + (PLATE_LETTERS[rng.int(8)] ?? 'B');
  if (rng.chance(0.3)) return `${head}${rng.chance(0.5) ? 'D' : 'F'}${String(rng.int(100_000)).padStart(5, '0')}`;
  let tail = '';
  for (let i = 0; i < 5; i++) tail += rng.chance(0.8) ? String(rng.int(10)) : (PLATE_LETTERS[rng.int(PLATE_LETTERS.length)] ?? 'A');
  return head + tail;
}

/** Luhn check digit for a string of digits. */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let n = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Whether a digit string passes the Luhn check. */
export function isValidLuhn(digits: string): boolean {
  return /^\d{12,19}$/.test(digits) && luhnCheckDigit(digits.slice(0, -1)) === digits.slice(-1);
}

const CARD_BINS = ['622202', '621700', '622848', '621226', '436742', '622588', '621483', '623668'];

/** A 16- or 19-digit bank card number with a valid Luhn digit. */
export function bankCard(rng: Rng): string {
  const length = rng.chance(0.6) ? 19 : 16;
  let body = rng.pick(CARD_BINS);
  while (body.length < length - 1) body += String(rng.int(10));
  return body + luhnCheckDigit(body);
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 32100 check character for the first 17 characters of a unified social credit code. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i] ?? '') * (USCC_WEIGHTS[i] ?? 0);
  return USCC_CHARS[(31 - (sum % 31)) % 31] ?? '';
}

/** Whether an 18-character unified social credit code has a valid check character. */
export function isValidUscc(code: string): boolean {
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code) && usccCheckChar(code.slice(0, 17)) === code[17];
}

/** City division code of the fictional city's districts (used in credit codes). */
const CITY_AREA = ['440301', '440303', '440304', '440305', '440306', '440307', '440309'];

/** A unified social credit code (registration dept 9 = market regulation, category 1 = enterprise). */
export function usccCode(rng: Rng): string {
  let org = '';
  for (let i = 0; i < 8; i++) org += rng.chance(0.85) ? String(rng.int(10)) : (USCC_CHARS[10 + rng.int(21)] ?? 'A');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (/\d/.test(org[i] ?? '') ? Number(org[i]) : (org.charCodeAt(i) - 55)) * (ORG_WEIGHTS[i] ?? 0);
  const c = 11 - (sum % 11);
  const orgCheck = c === 10 ? 'X' : c === 11 ? '0' : String(c);
  const body = `9${rng.chance(0.9) ? '1' : '2'}${rng.pick(CITY_AREA)}${org}${orgCheck}`;
  return body + usccCheckChar(body);
}

const FIRM_WORDS = ['青禾', '蓝海', '鑫源', '华信', '恒达', '瑞丰', '江城', '博远', '云帆', '益家', '创新', '福满', '安达', '启明', '汇通', '万象', '诚信', '佳和', '星辰', '宏图'];
const FIRM_TRADES = ['贸易', '科技', '餐饮管理', '建筑工程', '物流', '电子商务', '医疗器械', '教育咨询', '物业管理', '食品', '装饰工程', '信息技术', '环保科技', '汽车服务', '文化传媒'];

/** A fictional company name, e.g. 示例市云台区青禾贸易有限公司. */
export function companyName(rng: Rng, district: string): string {
  const form = rng.weighted(['有限公司', '有限责任公司', '股份有限公司', '商行'], [70, 15, 5, 10]);
  const place = rng.chance(0.6) ? `示例市${district}` : '示例市';
  return `${place}${rng.pick(FIRM_WORDS)}${rng.pick(FIRM_TRADES)}${form}`;
}
