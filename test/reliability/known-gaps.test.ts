// Invariants the parser does not keep yet, pinned with their smallest reproducer.
// Skipped by default so the suite stays green while the owning stage is rewritten;
// `STRICT_GAPS=1 npm test -- test/reliability` runs them. When one passes, the gap
// is closed: delete it here and drop its switch from the property tests.
import { loadMarkdownParser } from '../../src/frontends/markdown.js';
import { parse } from '../../src/pipeline.js';
import { accountFor } from '../helpers/accounting.js';
import { KNOWN_GAPS } from './cases.js';

const gap = process.env.STRICT_GAPS ? it : it.skip;
await loadMarkdownParser(); // as the CLI does; parse() alone cannot load it under jest

describe('known gaps (issue 7)', () => {
  gap(`Markdown markup: ${KNOWN_GAPS.markdownMarkup}`, () => {
    for (const md of ['> 引文第一段。\n\n正文。', '第一段。\n---\n第二段。', '正文`代码`内容。\n\n## 标题', '**粗体**正文。\n\n- 列表', 'a\\*b\n\n- x', '>&amp;', '>\n1.', '1.\t', '<span>正文</span>\n\n- x', '第一条\u0000正文\n\n- 项']) {
      const doc = parse(md, { name: 'page.md' });
      expect(accountFor(md, doc, { format: 'markdown' }).summary).toBe('');
    }
  });

  gap(`HTML accounting: ${KNOWN_GAPS.htmlAccounting}`, () => {
    for (const html of [
      '<div style="display:none">促进</div><p>正文</p>',
      '<div>(上接第(上接第</div>、',
      '<div>\u0001责任编辑：李四</div>\u000e',
    ]) {
      const doc = parse(html, { name: 'page.html' });
      expect(accountFor(html, doc, { format: 'html' }).summary).toBe('');
    }
  });
});
