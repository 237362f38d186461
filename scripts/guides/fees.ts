/** Parses 收费 text: "无" / "不收费" / "免费" is free; "工本费20元；加急费10元" becomes fee items. */
import type { ServiceGuide } from '../../src/lib/content-schema.ts';
import { asText, halfWidth, isPlaceholder, splitList } from './text.ts';

/** Fees of a guide plus the problems met while reading them. */
export function parseFees(value: unknown, basis: unknown, issues: string[]): ServiceGuide['fees'] {
  const text = asText(value);
  if (isPlaceholder(value) || /不收费|免费|无收费|零收费|不收取/.test(text)) return { free: true, items: [] };
  const basisText = asText(basis);
  const before = issues.length;
  const items = splitList(text).flatMap((part) => {
    const m = /^(.*?)[:：]?\s*([0-9]+(?:\.[0-9]+)?)\s*元/.exec(halfWidth(part));
    if (!m) {
      issues.push(`fee "${part}": no amount in 元 found; not shown as an item`);
      return [];
    }
    const name = (m[1] ?? '').replace(/[:：\s]+$/, '') || '收费';
    return [{ name: { zh: name, en: '' }, amountYuan: Number(m[2]), basis: { zh: isPlaceholder(basisText) ? '未注明' : basisText, en: '' } }];
  });
  if (items.length > 0 && isPlaceholder(basisText)) issues.push('fees: legal basis for charging (收费依据) not stated');
  // Text that is not free and has no readable amount stays "not free"; the page shows the original text.
  return { free: items.length === 0 && issues.length === before, items };
}
