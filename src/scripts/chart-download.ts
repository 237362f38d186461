/**
 * Progressive enhancement of charts: "Download SVG" and "Download PNG" buttons (hidden without
 * JavaScript) serialize the figure's inline SVG to a file; PNG draws it on a canvas at 2×.
 * Also the "copy" button of embed snippets. No network, no inline code (CSP-safe).
 */

/** The figure's SVG as a standalone document (namespace, size and text colour set). */
function standaloneSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const box = svg.viewBox.baseVal;
  clone.setAttribute('width', String(box.width));
  clone.setAttribute('height', String(box.height));
  clone.setAttribute('style', 'font: 12px system-ui, sans-serif; background: #ffffff');
  return new XMLSerializer().serializeToString(clone);
}

function save(href: string, name: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}

function download(id: string, kind: string): void {
  const svg = document.querySelector<SVGSVGElement>(`[id="${CSS.escape(id)}"] .chart-frame svg`);
  if (!svg) return;
  const text = standaloneSvg(svg);
  if (kind === 'svg') {
    const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    save(url, `${id}.svg`);
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    return;
  }
  const box = svg.viewBox.baseVal;
  const img = new Image();
  img.onload = () => {
    const canvas = document.createElement('canvas');
    canvas.width = box.width * 2;
    canvas.height = box.height * 2;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    canvas.toBlob((blob) => {
      if (!blob) return;
      const url = URL.createObjectURL(blob);
      save(url, `${id}.png`);
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    }, 'image/png');
  };
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
}

/** Shows the download buttons and wires them and any copy buttons up. */
export function enableChartDownloads(root: Document): void {
  for (const b of root.querySelectorAll<HTMLButtonElement>('button[data-download]')) {
    const li = b.closest('li');
    if (li) li.hidden = false;
    b.addEventListener('click', () => download(b.dataset['target'] ?? '', b.dataset['download'] ?? 'svg'));
  }
  for (const b of root.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
    const li = b.closest('[hidden]');
    if (li instanceof HTMLElement) li.hidden = false;
    b.addEventListener('click', () => {
      const source = root.getElementById(b.dataset['copy'] ?? '');
      if (!source) return;
      void navigator.clipboard.writeText(source.textContent ?? '').then(() => {
        b.textContent = b.dataset['done'] ?? b.textContent;
      });
    });
  }
}
