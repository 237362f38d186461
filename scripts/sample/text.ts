/**
 * Free-text descriptions in Chinese: hotline 诉求内容, hall 备注 and rating comments,
 * about each department's domain. A share of texts carries personal data the way people
 * really write it (names with honorifics, phone numbers touching characters, ID numbers,
 * emails, addresses, plates, bank cards) so the anonymizer meets realistic input.
 */
import type { Rng } from './prng.ts';
import { address, bankCard, DISTRICTS, email, idNumber, licencePlate, mobileInText, personName } from './people.ts';

/** The hotline's request types (诉求类型). */
export type CaseType = '咨询' | '投诉' | '求助' | '建议' | '举报' | '表扬';

interface Topics {
  /** Things people ask about. */
  ask: readonly string[];
  /** Things people complain about or report. */
  problem: readonly string[];
  /** Things people need help with. */
  help: readonly string[];
  /** Suggestions. */
  idea: readonly string[];
  /** What staff are praised for. */
  praise: readonly string[];
}

const GENERIC: Topics = {
  ask: ['相关业务的办理流程和所需材料', '办事大厅的工作时间', '网上办理的入口'],
  problem: ['工作人员态度不好，推诿扯皮', '办理进度迟迟没有答复', '电话一直无人接听'],
  help: ['材料丢失后如何补办', '老人行动不便无法到现场办理'],
  idea: ['增加网上办理事项', '延长窗口服务时间'],
  praise: ['工作人员耐心细致', '办事效率高'],
};

const TOPICS: Record<string, Topics> = {
  market: {
    ask: ['个体工商户营业执照办理流程', '公司变更法定代表人需要的材料', '食品经营许可证的办理时限', '企业年报的填报时间'],
    problem: ['网购商品质量问题商家拒绝退货', '超市销售过期食品', '健身房突然关门预付卡无法退费', '餐馆后厨卫生状况很差', '商家短斤少两'],
    help: ['营业执照遗失需要补领', '消费纠纷协商不成希望调解'],
    idea: ['简化企业注销流程', '加强对预付卡消费的监管'],
    praise: ['登记窗口工作人员指导耐心', '消费投诉处理及时，商家已退款'],
  },
  hrss: {
    ask: ['失业保险金的申领条件', '养老保险转移接续怎么办理', '社保卡补办需要多久', '职业技能补贴的申请条件', '灵活就业人员参保缴费标准'],
    problem: ['公司拖欠工资三个月未发', '单位未依法缴纳社会保险', '劳动合同到期公司拒绝支付补偿', '工地包工头拖欠农民工工资'],
    help: ['社保卡密码锁定无法使用', '退休金核算有误希望复核'],
    idea: ['社保卡业务实现全程网办', '增加就业培训班次'],
    praise: ['劳动监察大队帮助追回欠薪', '窗口工作人员服务热情'],
  },
  'healthcare-security': {
    ask: ['异地就医备案的办理方式', '医保个人账户余额如何查询', '门诊慢特病的申请条件', '新生儿参保登记流程'],
    problem: ['医院报销比例与政策不符', '药店刷医保卡被多收费用', '医保报销款一直未到账'],
    help: ['住院费用报销材料不全需要补交', '医保断缴后如何续保'],
    idea: ['扩大医保定点药店范围', '简化异地就医结算手续'],
    praise: ['医保窗口一次办结', '工作人员主动帮忙联系医院'],
  },
  'housing-fund': {
    ask: ['公积金提取的条件和材料', '公积金贷款额度怎么计算', '离职后公积金如何转移', '租房提取公积金每年可以提几次'],
    problem: ['公积金提取申请提交后一直未审核', '单位未按规定缴存公积金', '公积金贷款审批时间过长'],
    help: ['公积金账户被冻结无法提取', '购房提取被退回不知原因'],
    idea: ['公积金提取实现秒批', '提高租房提取额度'],
    praise: ['公积金中心当天办结提取', '客服解答清楚'],
  },
  'public-security': {
    ask: ['户口迁移需要准备哪些材料', '身份证异地办理流程', '居住证的办理条件', '出入境证件的办理时间'],
    problem: ['小区门口车辆乱停乱放堵塞通道', '深夜有人聚集喧哗影响休息', '交通信号灯配时不合理经常拥堵', '电动车被盗报警后无进展'],
    help: ['身份证丢失急需补办乘车', '老人走失需要协助寻找'],
    idea: ['在学校门口增设交通护学岗', '户籍业务延时服务'],
    praise: ['派出所民警帮忙找回走失老人', '户籍窗口周末照常办理'],
  },
  'civil-affairs': {
    ask: ['婚姻登记需要预约吗', '最低生活保障的申请条件', '高龄津贴如何申请', '养老机构的收费标准'],
    problem: ['养老院护理人员虐待老人', '低保审核不公平', '殡葬服务收费不透明'],
    help: ['困难家庭申请临时救助', '残疾老人需要居家养老服务'],
    idea: ['增加社区养老服务站', '婚姻登记处开设周末服务'],
    praise: ['婚姻登记处布置温馨服务周到', '社区帮助申请了临时救助'],
  },
  housing: {
    ask: ['商品房预售资金监管政策', '保障性租赁住房的申请条件', '物业维修资金的使用流程', '二手房网签备案流程'],
    problem: ['开发商延期交房', '物业公司乱收费', '小区电梯经常故障无人维修', '工地夜间施工噪音扰民', '新房墙体开裂开发商不予维修'],
    help: ['房屋漏水楼上住户不配合维修', '公租房申请材料被退回'],
    idea: ['加强对物业企业的考核', '老旧小区加装电梯'],
    praise: ['住建局督促开发商按期交房', '维修资金申请很快获批'],
  },
  taxation: {
    ask: ['个人所得税年度汇算的办理时间', '发票怎么开具', '小规模纳税人的增值税优惠政策', '二手房交易需要缴纳哪些税'],
    problem: ['商家拒绝开具发票', '个税APP申报一直提示失败', '办税大厅排队时间过长'],
    help: ['专项附加扣除填报错误需要更正', '税务登记信息变更'],
    idea: ['延长个税汇算期限', '办税大厅增加自助终端'],
    praise: ['税务干部上门辅导申报', '退税很快到账'],
  },
  transport: {
    ask: ['网约车驾驶员证的办理条件', '公交线路调整的时间', '道路运输许可证的年审', '出租车投诉电话'],
    problem: ['出租车司机拒载绕路', '公交车经常不按时发车', '网约车乱收费', '公交司机开车时使用手机'],
    help: ['乘坐出租车时遗失物品', '道路运输证遗失补办'],
    idea: ['增开夜班公交线路', '在地铁站增设公交接驳'],
    praise: ['公交司机帮助乘客送医', '出租车司机归还遗失钱包'],
  },
  'natural-resources': {
    ask: ['不动产登记需要的材料', '房产证办理进度查询', '宅基地审批流程', '建设用地规划许可的办理时限'],
    problem: ['违法占用耕地建房', '不动产证办理超期', '山体开挖破坏植被'],
    help: ['房产证丢失需要补办', '不动产登记信息有误需更正'],
    idea: ['不动产登记实现一网通办', '公开规划审批结果'],
    praise: ['不动产登记当场领证', '工作人员加班办理'],
  },
  education: {
    ask: ['小学入学报名的时间和条件', '随迁子女入学需要的材料', '初中学位如何分配', '教师资格认定的流程', '幼儿园收费标准'],
    problem: ['学校违规收取资料费', '培训机构停业无法退费', '学校周边交通拥堵安全隐患', '老师在校外有偿补课'],
    help: ['孩子学籍转接遇到困难', '入学报名系统无法提交'],
    idea: ['增加公办幼儿园学位', '推行课后延时服务'],
    praise: ['学校老师关心学生', '招生办及时解答入学问题'],
  },
  ecology: {
    ask: ['建设项目环评审批流程', '排污许可证的办理条件', '空气质量数据在哪查询'],
    problem: ['工厂夜间偷排废气气味刺鼻', '河道有黑臭水体', '餐饮油烟扰民', '工地扬尘严重', '企业排放污水'],
    help: ['小区附近垃圾焚烧需要处理', '噪音检测需要预约'],
    idea: ['加强对河道的巡查', '公开企业排污数据'],
    praise: ['环保执法人员及时到场处理', '河道治理效果明显'],
  },
  health: {
    ask: ['出生医学证明的办理流程', '医师执业注册的办理时限', '预防接种的时间安排', '婚前检查的地点'],
    problem: ['医院挂号难排队时间长', '医生态度恶劣', '诊所无证行医', '医院乱收检查费'],
    help: ['出生医学证明信息有误需要更正', '需要查询疫苗接种记录'],
    idea: ['增加社区医院夜间门诊', '推广预约挂号'],
    praise: ['医护人员认真负责', '急诊处理及时'],
  },
  'urban-management': {
    ask: ['店招店牌设置审批流程', '占道经营需要办理什么手续', '城市道路挖掘许可'],
    problem: ['路边流动摊贩占道经营', '垃圾清运不及时气味难闻', '违章搭建影响采光', '夜市噪音扰民', '共享单车乱停放', '路灯损坏长期未修'],
    help: ['井盖缺失存在安全隐患', '大树倒伏堵塞道路'],
    idea: ['增设垃圾分类投放点', '规范夜市经营时间'],
    praise: ['城管队员及时清理占道摊位', '路灯很快修好了'],
  },
};

const DISTRICT_ROADS = ['滨江路', '青山大道', '人民路', '建设路', '中山路', '学府路', '科技大道', '长江路', '幸福路', '朝阳街'];

function place(rng: Rng): string {
  return `${rng.pick(DISTRICTS)}${rng.pick(DISTRICT_ROADS)}`;
}

function topicsOf(department: string): Topics {
  return TOPICS[department] ?? GENERIC;
}

/** The base text of a hotline request for a department and type, without personal data. */
function hotlineBase(rng: Rng, department: string, type: CaseType): string {
  const t = topicsOf(department);
  switch (type) {
    case '咨询':
      return rng.pick([
        `来电人咨询${rng.pick(t.ask)}，希望工作人员告知具体办理流程。`,
        `市民咨询${rng.pick(t.ask)}，请相关部门予以解答。`,
        `网友留言：想了解${rng.pick(t.ask)}，网上查不到明确说明，请回复。`,
        `来电咨询${rng.pick(t.ask)}。`,
      ]);
    case '投诉':
      return rng.pick([
        `来电人反映${place(rng)}附近${rng.pick(t.problem)}，已持续${2 + rng.int(20)}天，多次反映未解决，要求相关部门尽快处理。`,
        `市民投诉：${rng.pick(t.problem)}，对此非常不满，请求依法处理并给予答复。`,
        `诉求人称${rng.pick(t.problem)}，之前已来电${1 + rng.int(4)}次，问题仍未解决。`,
      ]);
    case '举报':
      return rng.pick([
        `来电人举报${place(rng)}${rng.pick(t.problem)}，请相关部门核实查处。`,
        `匿名举报：${rng.pick(t.problem)}，地点在${place(rng)}附近，希望尽快查处。`,
      ]);
    case '求助':
      return rng.pick([
        `来电人求助：${rng.pick(t.help)}，情况比较紧急，请相关部门帮忙协调。`,
        `市民来电称${rng.pick(t.help)}，不知道该找哪个部门，请求帮助。`,
      ]);
    case '建议':
      return rng.pick([
        `来电人建议${rng.pick(t.idea)}，方便群众办事。`,
        `市民建议：希望${rng.pick(t.idea)}，提升服务水平。`,
      ]);
    case '表扬':
      return `来电人表扬${rng.pick(t.praise)}，特此致谢。`;
  }
}

/** One snippet of personal data, written the many ways people write it. */
export function piiSnippet(rng: Rng): string {
  const kind = rng.weighted(['name', 'phone', 'id', 'email', 'address', 'plate', 'card'], [30, 30, 12, 9, 14, 3, 2]);
  const name = personName(rng);
  switch (kind) {
    case 'name':
      return rng.pick([
        `${name.slice(0, 1)}${rng.pick(['先生', '女士', '阿姨', '师傅'])}`,
        `联系人：${name}`,
        `我叫${name}`,
        `来电人${name}`,
        `本人${name}`,
      ]);
    case 'phone':
      return rng.pick([`电话${mobileInText(rng)}`, `联系电话：${mobileInText(rng)}`, `请回电${mobileInText(rng)}谢谢`, `手机${mobileInText(rng)}`, `${name.slice(0, 1)}女士${mobileInText(rng)}`]);
    case 'id':
      return rng.pick([`身份证号${idNumber(rng)}`, `证件号码：${idNumber(rng)}`, `我的身份证是${idNumber(rng)}`]);
    case 'email':
      return rng.pick([`邮箱${email(rng)}`, `请发邮件到${email(rng)}`, `回复至 ${email(rng)}`]);
    case 'address':
      return rng.pick([`家住${address(rng)}`, `地址：${address(rng)}`, `住在${address(rng)}`]);
    case 'plate':
      return `车牌号${licencePlate(rng)}`;
    case 'card':
      return rng.pick([`银行卡号${bankCard(rng)}`, `退款请打到${bankCard(rng)}`]);
  }
  return name;
}

/** Adds one or two personal-data snippets to a text, at the front or the end. */
function withPii(rng: Rng, text: string): string {
  const first = piiSnippet(rng);
  const out = rng.chance(0.3) ? `${first}，${text}` : `${text.replace(/。$/, '')}，${first}。`;
  return rng.chance(0.25) ? `${out.replace(/。$/, '')}，${piiSnippet(rng)}。` : out;
}

/** 诉求内容 of a hotline case (20–120 characters), with personal data in about 35% of texts. */
export function hotlineText(rng: Rng, department: string, type: CaseType, piiShare = 0.35): string {
  let text = hotlineBase(rng, department, type);
  if (text.length < 24) text += rng.pick(['希望相关部门尽快回复，谢谢。', '麻烦工作人员回电说明具体情况。', '请尽快给予答复，谢谢配合。']);
  if (rng.chance(0.03)) text = text.replace('，', ', ');
  if (rng.chance(0.01)) text = text.replace('。', '。\n');
  if (rng.chance(0.01)) text = `"${text.replace(/。$/, '')}"，原话如此。`;
  if (rng.chance(piiShare)) text = withPii(rng, text);
  return text.length > 120 ? `${text.slice(0, 119)}。` : text;
}

/** 备注 of a hall application: usually empty, sometimes a staff note, occasionally with personal data. */
export function hallNote(rng: Rng, status: string): string {
  if (status === '不予受理') return rng.pick(['材料不齐全，一次性告知需补正材料', '不符合受理条件', '申请人身份信息核验未通过']);
  if (status === '撤回') return rng.pick(['申请人主动撤回', '申请人要求撤回，材料已退还']);
  const r = rng.next();
  if (r < 0.78) return '';
  if (r < 0.9) return rng.pick(['加急办理', '已电话通知领取', '容缺受理，后补材料', '邮寄送达', '帮办代办', '预约办理', '代理人办理']);
  return rng.pick([`已电话通知${mobileInText(rng)}`, `代办人${personName(rng)}，电话${mobileInText(rng)}`, `证件寄送地址：${address(rng)}`, `申请人${personName(rng).slice(0, 1)}先生要求短信通知`, `邮件回执发送至${email(rng)}`]);
}

const GOOD = ['服务很好', '办事效率高，点赞', '工作人员态度很好', '很满意', '一次就办好了', '比以前方便多了', '感谢'];
const MID = ['还可以', '等待时间有点长', '流程还可以再简化', '一般般吧'];
const BAD = ['办理太慢了', '问题没有解决', '态度很差', '来回跑了好几次', '答复敷衍', '没有人联系我'];

/** 评价内容: often empty, short, occasionally with personal data. */
export function ratingText(rng: Rng, level: number): string {
  if (rng.chance(level >= 4 ? 0.65 : 0.4)) return '';
  const pool = level >= 4 ? GOOD : level === 3 ? MID : BAD;
  let text = rng.pick(pool);
  if (rng.chance(0.06)) text += rng.pick([`，感谢工作人员${personName(rng).slice(0, 1)}${rng.pick(['先生', '女士', '老师'])}`, `，请回电${mobileInText(rng)}`, `，我是${personName(rng)}`]);
  return text;
}
