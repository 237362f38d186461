/** Data dictionary entries of the public's measures: kpis, client-need, scores and replies (merged into dictionary.ts). */
import type { Dictionary } from '../../src/lib/published.ts';

type Column = Dictionary[string]['columns'][number];

function col(name: string, type: Column['type'], zh: string, en: string): Column {
  return { name, type, description: { zh, en } };
}

const int = (name: string, zh: string, en: string): Column => col(name, 'integer', zh, en);
const num = (name: string, zh: string, en: string): Column => col(name, 'number', zh, en);
const RATE = '，保留 4 位小数；分母少于 minCell 时为空。';
const RATE_EN = ', rounded to 4 decimals; empty when the denominator is below minCell.';
const WILSON = 'Wilson 95% 置信区间';
const WILSON_EN = 'Wilson 95% interval';

const kpiColumns: Column[] = [
  col('dimension', 'string', '维度：city（全市）、department、service、channel、client_type、need_type、tier（统计期）；month（全市各月）、routine_month（第一至三层各月）、priority_month（第四层各月）。', 'Dimension: city, department, service, channel, client_type, need_type, tier (over the period); month (city by month), routine_month (tiers I–III by month), priority_month (tier IV by month).'),
  col('key', 'string', '维度取值：部门或事项编号、渠道、客户类型、需求类型、层级（1–4）或月份；全市为 all。', 'Value of the dimension: department or service id, channel, client type, need type, tier (1–4) or month; "all" for the city.'),
  col('period_from', 'month', '统计起始月份（YYYY-MM）。', 'First month (YYYY-MM) counted.'),
  col('period_to', 'month', '统计最后月份（YYYY-MM）。', 'Last month (YYYY-MM) counted.'),
  int('requests', '该单元提交的办件数。1 至 minCell-1 件的单元整行为空。', 'Requests submitted in the cell. Cells of 1 to minCell-1 requests are empty throughout.'),
  int('closed', '截至数据截止日已终结的办件数（任一终结状态）。', 'Requests closed by the as-of date (any closing status).'),
  int('completed', '其中办结的件数。', 'Of them, completed.'),
  int('rejected', '其中不予受理或退回的件数。', 'Of them, rejected.'),
  int('withdrawn', '其中撤回的件数。', 'Of them, withdrawn.'),
  int('transferred', '其中转办的件数。', 'Of them, transferred.'),
  int('open', '积压：截至数据截止日仍在办的件数。', 'Backlog: requests still open at the as-of date.'),
  int('open_overdue', '积压中已超过期限的件数。', 'Open requests already past their due date.'),
  num('open_median_age_wd', '在办件自提交日至数据截止日的工作日数中位数。', 'Median age of open requests in working days, from submission to the as-of date.'),
  num('median_wd', '已终结办件办理工作日数中位数（同 department-summary）。', 'Median working days to close (as in department-summary).'),
  int('p90_wd', '已终结办件办理工作日数第 90 百分位数（最近秩法）。', '90th percentile of working days to close (nearest rank).'),
  num('median_hours', '已终结办件从提交到终结的自然小时数中位数（保留 1 位小数）。', 'Median natural hours from submission to closure (1 decimal).'),
  int('due_n', '已终结且有期限的件数（期限取数据源，否则按承诺时限）。', 'Closed requests with a due date (the source\'s, else the promised limit).'),
  int('on_time', '期限内终结的件数。', 'Closed by the due date.'),
  num('on_time_rate', `按时率 = on_time / due_n${RATE}`, `On-time rate = on_time / due_n${RATE_EN}`),
  int('promise_n', '有办事指南、已终结的件数（承诺兑现的分母）。', 'Closed requests of a service with a guide (denominator of promise kept).'),
  int('promise_kept', '在办事指南承诺时限内终结的件数（不论数据源期限）。', 'Closed within the guide\'s promised limit, whatever the source\'s due date.'),
  num('promise_rate', `承诺兑现率 = promise_kept / promise_n${RATE}`, `Promise kept = promise_kept / promise_n${RATE_EN}`),
  num('promise_lo', `承诺兑现率的 ${WILSON} 下限。`, `Lower bound of the ${WILSON_EN} of promise_rate.`),
  num('promise_hi', `承诺兑现率的 ${WILSON} 上限。`, `Upper bound of the ${WILSON_EN} of promise_rate.`),
  int('statutory_n', '有办事指南、已终结的件数（法定时限的分母）。', 'Closed requests of a service with a guide (denominator for the statutory limit).'),
  int('statutory_kept', '在法定时限内终结的件数。', 'Closed within the statutory limit.'),
  num('statutory_rate', `法定时限内办结率 = statutory_kept / statutory_n${RATE}`, `Within the statutory limit = statutory_kept / statutory_n${RATE_EN}`),
  int('rated', '收到好差评的件数。', 'Requests rated (好差评).'),
  int('r1', '评价为 1 级（非常不满意）的件数。', 'Ratings of level 1 (非常不满意, very dissatisfied).'),
  int('r2', '评价为 2 级（不满意）的件数。', 'Ratings of level 2 (不满意, dissatisfied).'),
  int('r3', '评价为 3 级（基本满意）的件数。', 'Ratings of level 3 (基本满意, fairly satisfied).'),
  int('r4', '评价为 4 级（满意）的件数。', 'Ratings of level 4 (满意, satisfied).'),
  int('r5', '评价为 5 级（非常满意）的件数。', 'Ratings of level 5 (非常满意, very satisfied).'),
  int('satisfied', 'r4 + r5。', 'r4 + r5.'),
  num('satisfaction_rate', `满意率 = satisfied / rated${RATE}`, `Share satisfied = satisfied / rated${RATE_EN}`),
  num('satisfaction_lo', `满意率的 ${WILSON} 下限。`, `Lower bound of the ${WILSON_EN} of satisfaction_rate.`),
  num('satisfaction_hi', `满意率的 ${WILSON} 上限。`, `Upper bound of the ${WILSON_EN} of satisfaction_rate.`),
  num('mean_rating', '平均评价等级（1–5），保留 2 位小数。', 'Mean rating (1–5), 2 decimals.'),
  num('response_rate', `评价参与率 = rated / closed${RATE}`, `Rating response rate = rated / closed${RATE_EN}`),
  int('bad', '差评数：评价为 1 或 2 级的件数。', 'Bad reviews: ratings of level 1 or 2.'),
  int('rectified', '差评中台账记录为“已整改”的件数。', 'Bad reviews the rectification log records as rectified.'),
  int('explained', '差评中台账记录为“已解释说明”的件数。', 'Bad reviews the log records as explained.'),
  int('resolved_in_limit', '自接收起在规定工作日数（site.yaml rectification.limitWorkingDays）内整改或解释说明的差评数。', 'Bad reviews rectified or explained within the working-day limit from receipt (site.yaml rectification.limitWorkingDays).'),
  num('rectification_rate', `按期整改率 = resolved_in_limit / bad（无台账记录的差评计为未整改）${RATE}`, `Rectified in time = resolved_in_limit / bad (a bad review with no log entry counts as not rectified)${RATE_EN}`),
  num('rectification_lo', `按期整改率的 ${WILSON} 下限。`, `Lower bound of the ${WILSON_EN} of rectification_rate.`),
  num('rectification_hi', `按期整改率的 ${WILSON} 上限。`, `Upper bound of the ${WILSON_EN} of rectification_rate.`),
  int('called_back', '已回访的差评数。', 'Bad reviews called back.'),
  num('callback_rate', `回访率 = called_back / bad${RATE}`, `Call-back rate = called_back / bad${RATE_EN}`),
  int('repeat', '重复诉求：同一诉求人（化名键）就同一事项（热线按诉求类别）在上次之后 repeatWindowDays 天内再次提交的件数。', 'Repeat contacts: requests by the same requester (pseudonym key) about the same service (hotline: category) within repeatWindowDays days of the previous one.'),
  num('repeat_rate', `重复诉求率 = repeat / requests${RATE}`, `Repeat rate = repeat / requests${RATE_EN}`),
  int('digital', '经网上或移动端提交的件数。', 'Requests submitted online or on mobile.'),
  num('digital_rate', `网办率 = digital / requests${RATE}`, `Digital take-up = digital / requests${RATE_EN}`),
  int('visits_n', '记录了到现场次数的办结件数。', 'Completed cases with in-person visits recorded.'),
  int('visits', '这些办件的到现场次数合计。', 'Their in-person visits in total.'),
  num('visits_per_case', '件均跑动次数 = visits / visits_n，保留 2 位小数。', 'Visits per completed case = visits / visits_n, 2 decimals.'),
  num('effort_hours', '办理工时（小时，1 位小数）：数据源记录的办理用时；未记录时按 segments.yaml 中各需求类型的估计分钟数（估计值）。', 'Handling hours (1 decimal): the source\'s recorded handling time, or where none the per-need-type estimate in segments.yaml (an estimate).'),
  num('effort_estimated_share', '工时中来自估计值的比例（保留 4 位小数）。', 'Share of effort_hours that is estimated (4 decimals).'),
];

/** Dictionary entries for kpis, client-need, scores and replies. */
export const publicDictionary: Dictionary = {
  kpis: {
    title: { zh: '公众感受指标', en: 'What the public feels' },
    description: { zh: '按部门、事项、渠道、客户类型、需求类型、层级和月份统计的完成情况、时效、承诺兑现、积压、满意度（含置信区间）、差评整改、重复诉求、网办率、跑动次数和工时。', en: 'Completion, speed, promises kept, backlog, satisfaction (with intervals), rectification of bad reviews, repeat contacts, digital take-up, visits and effort, per department, service, channel, client type, need type, tier and month.' },
    columns: kpiColumns,
  },
  'client-need': {
    title: { zh: '客户类型 × 需求类型', en: 'Client type × need type' },
    description: { zh: '统计期内各客户类型与需求类型组合的办件数、办理工作日中位数和满意率。', en: 'Requests, median working days and share satisfied per client type and need type over the period.' },
    columns: [
      col('client_type', 'string', '客户类型（见 segments.yaml）。', 'Client type (see segments.yaml).'),
      col('need_type', 'string', '需求类型（见 segments.yaml）。', 'Need type (see segments.yaml).'),
      int('requests', '办件数；1 至 minCell-1 件时为空。', 'Requests; empty for 1 to minCell-1.'),
      num('median_wd', '已终结办件办理工作日数中位数。', 'Median working days to close.'),
      num('satisfaction_rate', '满意率（4–5 级占比）。', 'Share satisfied (levels 4–5).'),
    ],
  },
  scores: {
    title: { zh: '部门综合评分', en: 'Department scores' },
    description: { zh: '按 site.yaml 中的权重合成的 0–100 分综合评分、各分项、区间、名次范围及与上一统计期的变化。', en: 'The 0–100 department score from the weights in site.yaml, its components, interval, rank range and change against the previous period.' },
    columns: [
      col('department', 'string', '部门编号。', 'Department id.'),
      col('period_from', 'month', '统计期起始月份。', 'First month of the period.'),
      col('period_to', 'month', '统计期最后月份。', 'Last month of the period.'),
      int('cases', '统计期内办件数。', 'Requests in the period.'),
      col('ranked', 'boolean', '办件数达到最低要求（minCasesForScore）并参与评分排名。', 'Enough cases (minCasesForScore) to be scored and ranked.'),
      num('score', '综合评分 = 100 × Σ(权重 × 分项) / Σ 权重（仅计有值的分项），1 位小数。', 'Score = 100 × Σ(weight × component) / Σ weight over the components that exist, 1 decimal.'),
      num('score_lo', '各比率分项取 Wilson 95% 下限时的评分。', 'The score with every rate component at its Wilson 95% lower bound.'),
      num('score_hi', '各比率分项取 Wilson 95% 上限时的评分。', 'The score with every rate component at its Wilson 95% upper bound.'),
      int('rank', '按评分的名次（1 为最高，同分同名次）。', 'Rank by score (1 = highest; ties share a rank).'),
      int('rank_best', '名次范围上端：1 + 区间整体高于本部门的部门数。', 'Best rank compatible with the intervals: 1 + departments whose whole interval lies above.'),
      int('rank_worst', '名次范围下端：参评部门数 − 区间整体低于本部门的部门数。', 'Worst rank compatible with the intervals: departments ranked − those whose whole interval lies below.'),
      num('prev_score', '上一统计期的评分（同样的规则）。', 'Score in the previous period (same rules).'),
      num('change', '与上一统计期相比的变化（分）。', 'Change against the previous period (points).'),
      num('timeliness', '分项：按时率（on_time / due_n）。', 'Component: on-time rate (on_time / due_n).'),
      num('satisfaction', '分项：满意率。', 'Component: share satisfied.'),
      num('rectification', '分项：差评按期整改率。', 'Component: bad reviews rectified in time.'),
      num('digital', '分项：网办率。', 'Component: digital take-up.'),
      num('guides', '分项：办事指南完整度（见方法说明）。', 'Component: guide completeness (see methodology).'),
      num('repeat', '分项：1 − 重复诉求率。', 'Component: 1 − repeat rate.'),
      col('score_version', 'string', '评分方法版本（site.yaml score.version）。', 'Version of the score method (site.yaml score.version).'),
    ],
  },
  'daily-volume': {
    title: { zh: '每日办件量', en: 'Requests per day' },
    description: { zh: '统计期内每天提交的办件数，全市及各部门；按城市时区计日。', en: 'Requests submitted each day of the period, city-wide and per department; days in the city\'s time zone.' },
    columns: [
      col('scope', 'string', 'city（全市）或 department（部门）。', 'city or department.'),
      col('key', 'string', '部门编号；全市为 all。', 'Department id; "all" for the city.'),
      col('date', 'date', '提交日期（YYYY-MM-DD）。', 'Submission date (YYYY-MM-DD).'),
      int('requests', '当日提交的办件数；0 照常发布，1 至 minCell-1 件时为空。', 'Requests submitted that day; 0 is published as 0, 1 to minCell-1 is empty.'),
    ],
  },
  'close-histogram': {
    title: { zh: '办理用时分布', en: 'Time to close, distribution' },
    description: { zh: '统计期内已终结办件按办理工作日数分组的件数，全市、各部门及各事项。', en: 'Requests closed in the period per bin of working days to close, city-wide, per department and per service.' },
    columns: [
      col('scope', 'string', 'city、department 或 service。', 'city, department or service.'),
      col('key', 'string', '部门或事项编号；全市为 all。', 'Department or service id; "all" for the city.'),
      int('bin_from', '分组下限（工作日，含）。', 'Lower bound of the bin (working days, inclusive).'),
      int('bin_to', '分组上限（工作日，含）；为空表示“及以上”。', 'Upper bound of the bin (working days, inclusive); empty means "or more".'),
      int('requests', '该组已终结办件数；1 至 minCell-1 件时为空。', 'Closed requests in the bin; empty for 1 to minCell-1.'),
    ],
  },
  replies: {
    title: { zh: '部门回应', en: 'Department replies' },
    description: { zh: '部门对其评分卡发布的回应（data/replies），注明日期及所回应的指标。', en: 'Replies departments publish beside their scorecards (data/replies), dated, naming the figure answered.' },
    columns: [
      col('department', 'string', '部门编号。', 'Department id.'),
      col('date', 'date', '回应日期。', 'Date of the reply.'),
      col('about', 'string', '所回应的指标：score、timeliness、satisfaction、rectification、digital、guides、repeat。', 'Figure answered: score, timeliness, satisfaction, rectification, digital, guides, repeat.'),
      col('text_zh', 'string', '回应（中文）。', 'Reply (Chinese).'),
      col('text_en', 'string', '回应（英文）。', 'Reply (English).'),
    ],
  },
};
