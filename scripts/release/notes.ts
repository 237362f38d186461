/** Release notes: what changed since the previous release (rows added and removed, revisions, columns, methodology). */
import type { DatasetChange, ReleaseNotes } from '../../src/lib/published.ts';
import type { ReleaseSummary } from './summary.ts';

export type { DatasetChange, ReleaseNotes };

/** Compares a release with the previous one (null for the first release). */
export function releaseNotes(current: ReleaseSummary, previous: ReleaseSummary | null): ReleaseNotes {
  const datasets = Object.entries(current.datasets).map(([dataset, now]): DatasetChange => {
    const before = previous?.datasets[dataset];
    let added: number | null = null;
    let removed: number | null = null;
    let revised: number | null = null;
    const revisedExamples: string[] = [];
    if (now.rowHashes && before?.rowHashes) {
      const a = before.rowHashes;
      const b = now.rowHashes;
      added = Object.keys(b).filter((k) => !(k in a)).length;
      removed = Object.keys(a).filter((k) => !(k in b)).length;
      const rev = Object.keys(b).filter((k) => k in a && a[k] !== b[k]);
      revised = rev.length;
      revisedExamples.push(...rev.slice(0, 5));
    }
    const cols = new Set(before?.columns ?? []);
    const nowCols = new Set(now.columns);
    return {
      dataset,
      rowsBefore: before ? before.rows : null,
      rowsAfter: now.rows,
      added,
      removed,
      revised,
      revisedExamples,
      columnsAdded: before ? now.columns.filter((c) => !cols.has(c)) : [],
      columnsRemoved: before ? before.columns.filter((c) => !nowCols.has(c)) : [],
      changed: before?.sha256 !== now.sha256,
    };
  });
  const prevNames = Object.keys(previous?.datasets ?? {});
  return {
    release: current.release,
    previous: previous?.release ?? null,
    methodology: {
      version: current.methodologyVersion,
      previous: previous?.methodologyVersion ?? null,
      changed: previous !== null && previous.methodologyVersion !== current.methodologyVersion,
    },
    datasets,
    newDatasets: previous ? Object.keys(current.datasets).filter((d) => !prevNames.includes(d)) : [],
    droppedDatasets: prevNames.filter((d) => !(d in current.datasets)),
  };
}

const n = (v: number | null): string => (v === null ? '—' : String(v));

/** The notes as bilingual Markdown (zh then en in each line). */
export function notesMarkdown(notes: ReleaseNotes, title: string): string {
  const lines = [`# ${title} — ${notes.release}`, ''];
  lines.push(notes.previous ? `上一版本 / Previous release: ${notes.previous}` : '首次发布 / First release.', '');
  const m = notes.methodology;
  lines.push(
    m.changed
      ? `**方法变更 / Methodology changed:** ${m.previous ?? '—'} → ${m.version}（见方法说明页 / see the methodology page）`
      : `方法版本 / Methodology version: ${m.version}（未变更 / unchanged）`,
    '',
  );
  if (notes.newDatasets.length) lines.push(`新增数据集 / New datasets: ${notes.newDatasets.join(', ')}`, '');
  if (notes.droppedDatasets.length) lines.push(`停止发布 / Datasets dropped: ${notes.droppedDatasets.join(', ')}`, '');
  lines.push('| 数据集 dataset | 行数 rows (before → after) | 新增 added | 移除 removed | 修订 revised | 列变更 columns | 变化 changed |', '|---|---|---|---|---|---|---|');
  for (const d of notes.datasets) {
    const cols = [...d.columnsAdded.map((c) => `+${c}`), ...d.columnsRemoved.map((c) => `−${c}`)].join(' ') || '—';
    const rev = d.revised === null ? '—' : d.revisedExamples.length ? `${d.revised} (${d.revisedExamples.join(', ')})` : String(d.revised);
    lines.push(`| ${d.dataset} | ${n(d.rowsBefore)} → ${d.rowsAfter} | ${n(d.added)} | ${n(d.removed)} | ${rev} | ${cols} | ${d.changed ? '是 yes' : '否 no'} |`);
  }
  lines.push(
    '',
    '修订：已发布月份的数值因后续办结、评价或数据更正而变化。Revised: values of months already published changed because requests closed or were rated later, or the data were corrected.',
    '',
    '校验 / Verify: `sha256sum -c SHA256SUMS`',
    '',
  );
  return lines.join('\n');
}
