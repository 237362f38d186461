/**
 * Free-text scrubbing: replaces personal data in descriptions, rating comments and quarantine
 * excerpts with typed placeholders ([电话], [身份证号] … or [phone], [ID number] … in English).
 * Patterns are compiled once; cheap gates skip passes that cannot match, so short texts
 * without digits, "@" or name cues cost a few character-class tests.
 * Recall comes first: a false positive costs a few words, a miss publishes a person.
 */

export type ScrubKind = 'idNumber' | 'phone' | 'email' | 'bankCard' | 'plate' | 'name' | 'address' | 'creditCode' | 'passport';

export const placeholders: Record<'zh' | 'en', Record<ScrubKind, string>> = {
  zh: {
    idNumber: '[身份证号]',
    phone: '[电话]',
    email: '[邮箱]',
    bankCard: '[银行卡号]',
    plate: '[车牌]',
    name: '[姓名]',
    address: '[地址]',
    creditCode: '[统一社会信用代码]',
    passport: '[护照号]',
  },
  en: {
    idNumber: '[ID number]',
    phone: '[phone]',
    email: '[email]',
    bankCard: '[bank card]',
    plate: '[licence plate]',
    name: '[name]',
    address: '[address]',
    creditCode: '[credit code]',
    passport: '[passport]',
  },
};

/** Luhn checksum (bank cards). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

const ID18_SHAPE = /^[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]$/;
const ID15_SHAPE = /^[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}$/;
const CARD_PREFIX = /^[3-6]/;

/** Kind of a run of 13–19 digits (or 17 digits + X), or null when it is not personal data. */
function digitRunKind(run: string): ScrubKind | null {
  const n = run.length;
  // Every 18-character run is masked as an ID number, whether or not its check digit holds,
  // unless it is shaped like a bank card and not like an ID.
  if (n === 18) return !ID18_SHAPE.test(run) && CARD_PREFIX.test(run) && luhnValid(run) ? 'bankCard' : 'idNumber';
  if (n === 15 && ID15_SHAPE.test(run)) return 'idNumber';
  if (/^\d+$/.test(run) && CARD_PREFIX.test(run) && luhnValid(run)) return 'bankCard';
  return null;
}

// Gates: a pass runs only when its cue is present.
const HAS_GROUPED = /\d{4}[ -]\d{4}/;
const HAS_LANDLINE_CUE = /0\d\d|转|分机|电话|座机|固话|[Tt]el|TEL|[Pp]hone/;

// Long digit runs: resident IDs (18 and 15), bank cards (13–19, Luhn).
const DIGIT_RUN = /(?<!\d)(?:\d{17}[Xx]|\d{13,19})(?![\dXx])/g;
// IDs and cards written in groups.
const ID_GROUPED = /(?<!\d)\d{6}[ -]\d{8}[ -]\d{3}[\dXx](?![\dXx])/g;
const CARD_GROUPED = /(?<!\d)\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,4})?(?![\d])/g;
// 统一社会信用代码: 18 characters, letters I O Z S V excluded; all-digit ones are caught above.
const CREDIT_CODE = /(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{9}[0-9A-HJ-NPQRTUWXY](?![0-9A-Za-z])/g;
// Mobile numbers, optionally with +86 / 0086 / (+86), spaces or dashes; never inside a longer digit run.
const MOBILE = /(?<![\d+])(?:(?:\+|00)?86[ -]?|[(（]\+?86[)）][ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)/g;
// Landlines with an area code, optionally with an extension (转 123, ext. 123, -123).
const LANDLINE = /(?<!\d)(?:[(（]0\d{2,3}[)）][ -]?|0\d{2,3}[ -]?)[1-9]\d{6,7}(?:[ ]?(?:转|分机|ext\.?|x)[ ]?\d{1,6}|-\d{1,6})?(?!\d)/g;
// Local landlines named as such, or with a 转 extension.
const LOCAL_LANDLINE = /(?:(?<=(?:电话|座机|固话|Tel|tel|TEL|phone|Phone)[:：]?[ ]?)[2-9]\d{6,7}(?:[ ]?(?:转|分机)[ ]?\d{1,6})?|(?<!\d)[2-9]\d{6,7}[ ]?(?:转|分机)[ ]?\d{1,6})(?!\d)/g;
// Passports: E/G + 8 digits, E + letter + 7 digits (Chinese); any 7–9 letters and digits after a passport label.
const PASSPORT = /(?<![A-Za-z0-9])(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7})(?![A-Za-z0-9])|(?<=(?:护照|[Pp]assport)(?:号码|号|[ ]?[Nn]o\.?|[ ]?[Nn]umber)?[:：]?[ ]?)(?=[A-Z0-9]*\d)[A-Z0-9]{7,9}(?![A-Za-z0-9])/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// Licence plates: province, letter, then 5 (petrol) or 6 (new energy) characters; 挂/学/警/港/澳 suffixes.
const PLATE =
  /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][ ·•]?(?:[A-HJ-NP-Z0-9]{5,6}|[A-HJ-NP-Z0-9]{4}[挂学警港澳])(?![A-Za-z0-9])/g;
const HAS_PLATE_CUE = /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z]/;

// Names after a label or a self-introduction; the label is kept.
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝';
const COMPOUND = '欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|令狐|长孙|宇文|司徒|夏侯|轩辕|端木|独孤|南宫|西门|百里|呼延|纳兰';
// After a colon any 2–4 Han characters; without one ("来电人王建国反映" but not "来电人反映") only from a surname.
const NAME_LABELLED = new RegExp(
  `(姓名|联系人|申请人|来电人|投诉人|举报人|反映人|经办人|代理人|法定代表人|法人代表|户主|收件人|我叫|本人叫|名叫|叫做)(?:([:：][ ]?)(?![民员们家士口大群])|([ ]?)(?=${COMPOUND}|[${SURNAMES}]))\\p{Script=Han}{2,4}`,
  'gu',
);
// Surname (+ up to two given-name characters, or 某/某某) + honorific: 张先生, 李女士, 王建国同志.
const NAME_HONORIFIC = new RegExp(`(?:${COMPOUND}|[${SURNAMES}])(?:某某?|\\p{Script=Han}{0,2}?)(?:先生|女士|小姐|老师|师傅|阿姨|大爷|大妈|大姐|大哥|同志|老人)`, 'gu');
const NAME_EN = /(?:(?<=\b(?:[Mm]y name is|[Nn]ame:|[Cc]ontact:|I am|I'm) )(?:[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}|\p{Script=Han}{2,4})|\b(?:Mr|Mrs|Ms|Miss|Dr|Madam)\.? [A-Z][a-z]+(?: [A-Z][a-z]+)?)/gu;
const HAS_NAME_EN = /name|Name|Contact|contact|I am|I'm|Mr|Ms|Miss|Dr|Madam/;

// Chinese street addresses: a road/street/lane name, a number with 号, then building, unit, floor, room;
// or an estate (小区/花园/…) with a building number.
// Found from their anchor (road + number + 号, or estate + building number), then extended back over
// up to 12 name characters and forward over building, unit, floor and room: linear in the text.
const NAME_CHAR = /^[[\p{Script=Han}A-Za-z0-9]--[在住于到是的了和与及我你他她家位址从向往去来对把被给映诉询问说称请]]$/v;
const ADDRESS_ANCHOR = /(?:大道|大街|路|街|巷|弄|道|里|胡同)[ ]?\d+(?:-\d+)?[ ]?号|(?:小区|花园|公寓|家园|新村|苑|大厦|广场|村)[ ]?\d+[ ]?(?:号楼|栋|幢|座|号)/g;
const ADDRESS_TAIL = /(?:[ ]?(?:[\dA-Za-z]+(?:-\d+)?|[一二三四五六七八九十]+)[ ]?(?:号楼|栋|幢|座|单元|层|楼|室|号|户))*/y;

/** Replaces Chinese street and estate addresses in `t` with `placeholder`. */
function replaceAddressZh(t: string, placeholder: string): string {
  let out = '';
  let from = 0;
  ADDRESS_ANCHOR.lastIndex = 0;
  for (let m = ADDRESS_ANCHOR.exec(t); m !== null; m = ADDRESS_ANCHOR.exec(t)) {
    let start = m.index;
    while (start > from && m.index - start < 12 && NAME_CHAR.test(t[start - 1] ?? '')) start--;
    if (start === m.index) continue;
    ADDRESS_TAIL.lastIndex = m.index + m[0].length;
    ADDRESS_TAIL.exec(t);
    const end = Math.max(ADDRESS_TAIL.lastIndex, m.index + m[0].length);
    out += t.slice(from, start) + placeholder;
    from = end;
    ADDRESS_ANCHOR.lastIndex = end;
  }
  return from === 0 ? t : out + t.slice(from);
}
const ADDRESS_EN =
  /\b(?:No\.? ?)?\d+[A-Za-z]?,? (?:[A-Z][a-z]+ ){1,3}(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Drive|Dr)\b\.?(?:,? (?:Apt|Apartment|Room|Rm|Unit|Building|Bldg|Flat|Floor)\.? ?\d+[A-Za-z]?)*/g;
const HAS_ROAD_EN = /Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Drive|Dr/;


/** Replaces personal data in `text` with placeholders in `lang` (default zh). */
// Character tables for the one-pass gate: a label's last character followed by a colon, space or
// surname, and an honorific's two characters, are the only ways a Chinese name pattern can match.
const HAN_BASE = 0x3000;
const HAN_FLAGS = new Uint8Array(0xa000 - HAN_BASE);
const SURNAME_START = 1;
const LABEL_END = 2;
const HONOUR_FIRST = 4;
const HONOUR_SECOND = 8;
const COLON = 16;
const ADDRESS_MARK = 32;
const PHONE_WORD = 64;
for (const [chars, flag] of [
  [SURNAMES + COMPOUND.replace(/\|/g, ''), SURNAME_START],
  ['名人主叫做表', LABEL_END],
  ['先女小老师阿大同', HONOUR_FIRST],
  ['生士姐师傅姨爷妈哥志人', HONOUR_SECOND],
  ['号栋幢座', ADDRESS_MARK],
  ['转机话', PHONE_WORD],
] as const) {
  for (const ch of chars) {
    const i = ch.charCodeAt(0) - HAN_BASE;
    if (i >= 0 && i < HAN_FLAGS.length) HAN_FLAGS[i] = (HAN_FLAGS[i] ?? 0) | flag;
  }
}
const hanFlags = (c: number): number => (c >= HAN_BASE && c < 0xa000 ? (HAN_FLAGS[c - HAN_BASE] ?? 0) : c === 0xff1a ? COLON : 0);

/** Replaces personal data in `text` with placeholders in `lang` (default zh). */
export function scrubText(text: string, lang: 'zh' | 'en' = 'zh'): string {
  // One pass over the characters decides which patterns can possibly match.
  let digits = 0;
  let run = 0;
  let maxRun = 0;
  let upper = false;
  let latin = false;
  let at = false;
  let sep = false;
  let label = false;
  let honour = false;
  let mobile = false;
  let landline = false;
  let address = false;
  let prev = 0;
  let prevDigit = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      if (++run > maxRun) maxRun = run;
      if (prevDigit === 49 && c >= 51) mobile = true; // 1[3-9]
      if (run === 1 && c === 48) landline = true; // an area code's 0
      prev = 0;
      prevDigit = c;
      continue;
    }
    if (run > 0 && (c === 32 || c === 45)) sep = true;
    if (c !== 32 && c !== 45) prevDigit = -1;
    const wasDigitRun = run > 0;
    run = 0;
    if (c < 128) {
      if (c >= 65 && c <= 90) upper = true;
      else if (c >= 97 && c <= 122) latin = true;
      else if (c === 64) at = true;
      if ((prev & LABEL_END) !== 0 && (c === 58 || c === 32)) label = true;
      prev = 0;
      continue;
    }
    const f = hanFlags(c);
    if ((f & ADDRESS_MARK) !== 0 && (wasDigitRun || (i > 1 && text.charCodeAt(i - 1) === 32 && (text.charCodeAt(i - 2) ^ 48) < 10))) address = true;
    if ((f & PHONE_WORD) !== 0) landline = true;
    if ((prev & LABEL_END) !== 0 && (f & (SURNAME_START | COLON)) !== 0) label = true;
    if ((prev & HONOUR_FIRST) !== 0 && (f & HONOUR_SECOND) !== 0) honour = true;
    prev = f;
  }
  if (digits === 0 && !at && !upper && !latin && !label && !honour) return text;
  const p = placeholders[lang];
  let t = text;
  if (at) t = t.replace(EMAIL, p.email);
  if (digits >= 7) {
    const grouped = sep && maxRun >= 3 && HAS_GROUPED.test(t);
    if (grouped) t = t.replace(ID_GROUPED, p.idNumber);
    if (maxRun >= 13) {
      t = t.replace(DIGIT_RUN, (r) => {
        const kind = digitRunKind(r);
        return kind ? p[kind] : r;
      });
    }
    if (grouped) {
      t = t.replace(CARD_GROUPED, (m) => {
        const d = m.replace(/[ -]/g, '');
        return d.length >= 13 && d.length <= 19 && luhnValid(d) ? p.bankCard : m;
      });
    }
    if (upper && maxRun >= 6) {
      t = t.replace(PASSPORT, p.passport);
      t = t.replace(CREDIT_CODE, (m) => (/[A-Z]/.test(m) ? p.creditCode : m));
    }
    if (digits >= 11 && mobile) t = t.replace(MOBILE, p.phone);
    if (landline || (latin && HAS_LANDLINE_CUE.test(t))) {
      t = t.replace(LANDLINE, p.phone);
      t = t.replace(LOCAL_LANDLINE, p.phone);
    }
  }
  if (upper && HAS_PLATE_CUE.test(t)) t = t.replace(PLATE, p.plate);
  // Honorific names before addresses (so "王先生" is not read as part of a street name),
  // labelled names after them (so "反映人民路" is not read as a label and a name).
  if (honour) t = t.replace(NAME_HONORIFIC, p.name);
  if (digits > 0) {
    if (address) t = replaceAddressZh(t, p.address);
    if (upper && HAS_ROAD_EN.test(t)) t = t.replace(ADDRESS_EN, p.address);
  }
  if (label) t = t.replace(NAME_LABELLED, (_m, lab: string, colon?: string, space?: string) => lab + (colon ?? space ?? '') + p.name);
  if ((upper || latin) && HAS_NAME_EN.test(t)) t = t.replace(NAME_EN, p.name);
  return t;
}
