import { describe, expect, it } from 'vitest';
import { luhnValid, scrubText } from '../../scripts/anonymize/scrub.ts';

/** [text, the personal data in it, the placeholder expected]. Made-up people, real formats. */
const positives: [string, string, string][] = [
  ['身份证号44030419900307123X，请核实', '44030419900307123X', '[身份证号]'],
  ['身份证44030419900307123x', '44030419900307123x', '[身份证号]'],
  ['证件号110101199003071235有误', '110101199003071235', '[身份证号]'],
  ['老身份证440304900307123还能用吗', '440304900307123', '[身份证号]'],
  ['号码 440304 19900307 123X', '440304 19900307 123X', '[身份证号]'],
  ['公司代码91110108MA01ABCD2X', '91110108MA01ABCD2X', '[统一社会信用代码]'],
  ['手机13812345678', '13812345678', '[电话]'],
  ['电话：138 1234 5678', '138 1234 5678', '[电话]'],
  ['打+86 138-1234-5678找我', '+86 138-1234-5678', '[电话]'],
  ['(+86)13912345678', '(+86)13912345678', '[电话]'],
  ['请回电8613912345678谢谢', '8613912345678', '[电话]'],
  ['座机0755-86123456转123', '0755-86123456转123', '[电话]'],
  ['（010）62345678', '（010）62345678', '[电话]'],
  ['办公室电话86123456转8021', '86123456转8021', '[电话]'],
  ['邮箱zhang.wei_1990@example.com收', 'zhang.wei_1990@example.com', '[邮箱]'],
  ['退款到卡号6222021234567890128', '6222021234567890128', '[银行卡号]'],
  ['卡号 6217 0000 0000 0006', '6217 0000 0000 0006', '[银行卡号]'],
  ['卡号6217-0000-0000-0006', '6217-0000-0000-0006', '[银行卡号]'],
  ['车牌粤B12345被贴罚单', '粤B12345', '[车牌]'],
  ['新能源车粤BD12345充电', '粤BD12345', '[车牌]'],
  ['京A·F0236违停', '京A·F0236', '[车牌]'],
  ['姓名：王建国', '王建国', '[姓名]'],
  ['联系人李娜，周一到', '李娜', '[姓名]'],
  ['我叫张伟，住在附近', '张伟', '[姓名]'],
  ['张先生反映噪音', '张先生', '[姓名]'],
  ['欧阳女士来电', '欧阳女士', '[姓名]'],
  ['住址人民路128号3栋2单元501室', '人民路128号3栋2单元501室', '[地址]'],
  ['家住幸福花园5栋1单元302室，漏水', '幸福花园5栋1单元302室', '[地址]'],
  ['在建设大道88号门口', '建设大道88号', '[地址]'],
];

const englishPositives: [string, string, string][] = [
  ['My name is John Smith and I called twice', 'John Smith', '[name]'],
  ['Mr. Wang complained about noise', 'Mr. Wang', '[name]'],
  ['Ms Li asked for a refund', 'Ms Li', '[name]'],
  ['call me on 13812345678 please', '13812345678', '[phone]'],
  ['I live at 12 Renmin Road, Apt 501.', '12 Renmin Road, Apt 501', '[address]'],
  ['email john.smith@example.org', 'john.smith@example.org', '[email]'],
  ['plate 粤B12345', '粤B12345', '[licence plate]'],
  ['ID 44030419900307123X', '44030419900307123X', '[ID number]'],
];

const negatives = [
  '工单编号12345-20250101-000123已受理',
  '申请编号SQ-2025-0000123',
  '2025年1月1日 09:00:00 来电',
  '2025-01-01 09:00:00',
  '金额1999.00元，退款300元',
  '价格￥12,800.50',
  '拨打12345热线反映',
  '第3次来电，等了15个工作日',
  '2024年度公积金缴存基数',
  '事项编码FX-MKT-001',
  '持续了20250101到20250131',
  '建议增加公交线路12路班次',
  '人民医院挂号难',
  '请向街道反映',
  'Called 3 times in 2025; waited 15 working days.',
  '订单号2025010100012345',
];

describe('scrubText(text, lang)', () => {
  it.each(positives)('masks %s', (text, secret, placeholder) => {
    const out = scrubText(text);
    expect(out).not.toContain(secret);
    expect(out).toContain(placeholder);
  });
  it.each(englishPositives)('masks %s in English', (text, secret, placeholder) => {
    const out = scrubText(text, 'en');
    expect(out).not.toContain(secret);
    expect(out).toContain(placeholder);
  });
  it.each(negatives)('leaves %s unchanged', (text) => {
    expect(scrubText(text)).toBe(text);
  });
  it('keeps the surrounding words and labels', () => {
    expect(scrubText('我叫张伟，电话13812345678，身份证44030419900307123X')).toBe('我叫[姓名]，电话[电话]，身份证[身份证号]');
    expect(scrubText('王先生反映人民路128号3栋噪音')).toBe('[姓名]反映[地址]噪音');
  });
  it('never masks a mobile-like run inside a longer digit run', () => {
    expect(scrubText('流水号2013812345678901')).toBe('流水号2013812345678901');
  });
  it('scrubs 100,000 short texts quickly', () => {
    const texts = Array.from({ length: 100_000 }, (_, i) => (i % 5 === 0 ? `电话1381234${String(i % 10000).padStart(4, '0')}` : `咨询社保卡办理流程第${i % 7}步`));
    const t0 = performance.now();
    for (const t of texts) scrubText(t);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('luhnValid(digits)', () => {
  it('accepts valid card numbers and rejects a changed digit', () => {
    expect(luhnValid('6222021234567890128')).toBe(true);
    expect(luhnValid('6222021234567890127')).toBe(false);
  });
});
