import type { PageExplain } from './index.js';

/**
 * The page stage's reasoning as text: one line per fragment (where it starts, how
 * it ends, which article took it), then every seam weighed, chosen ones marked *.
 * `all` lists the candidates that lost too.
 */
export function formatExplain(pages: PageExplain[], all = false): string {
  const out: string[] = [];
  pages.forEach((page, p) => {
    if (pages.length > 1) out.push(`page ${p + 1}`);
    out.push('fragments (line, article, cut?, first … last):');
    for (const f of page.fragments) {
      out.push(`  F${f.index}\tline ${f.line}\ta${f.chain + 1}\t${f.cut ? 'cut' : '   '}\t${f.first} … ${f.last}`);
    }
    const seams = page.seams.filter((s) => all || s.chosen).sort((a, b) => b.score - a.score);
    out.push(`joins (${all ? 'all candidates' : 'chosen'}; * = chosen):`);
    for (const s of seams) {
      out.push(`  ${s.chosen ? '*' : ' '} F${s.tail} -> F${s.head}\t${s.score.toFixed(1)}\t${s.why.join('; ')}`);
    }
  });
  return out.join('\n') + '\n';
}
