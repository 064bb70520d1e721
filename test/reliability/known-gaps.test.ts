// Invariants the parser does not keep yet, pinned with their smallest reproducer.
// Skipped by default so the suite stays green while the owning stage is rewritten;
// `STRICT_GAPS=1 npm test -- test/reliability` runs them. When one passes, the gap
// is closed: delete it here and drop its switch from the property tests.
import { parse } from '../../src/pipeline.js';
import { accountFor } from '../helpers/accounting.js';
import { KNOWN_GAPS } from './cases.js';

const gap = process.env.STRICT_GAPS ? it : it.skip;

describe('known gaps (issue 7)', () => {
  gap(`HTML accounting: ${KNOWN_GAPS.htmlAccounting}`, () => {
    for (const html of [
      '第一条　正文',
      '<p>(</p>',
      '<div><p>各地区各部门要加强宣传倡导。</p></div>',
      '<body><div class="content"><p>正文第一段。</p><script>document.write("第三条")</script><p>正文第二段。</p></div></body>',
    ]) {
      const doc = parse(html, { name: 'page.html' });
      expect(accountFor(html, doc, { format: 'html' }).summary).toBe('');
    }
  });
});
