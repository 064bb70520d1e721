// Markdown out, Markdown back in: policyparse reads its own Markdown into the same
// tree. Compared without ids and spans (positions are those of the new input).
import { readFileSync } from 'node:fs';
import { formatMarkdown } from '../../src/format/markdown.js';
import { parse, parseAsync } from '../../src/index.js';
import type { Article, Node, PolicyDocument } from '../../src/types.js';

interface Shape {
  type: string;
  marker: string | null;
  number: number | null;
  heading: string | null;
  text: string;
  question?: string;
  caption?: string | null;
  header?: string[];
  rows?: string[][];
  children: Shape[];
}

function shape(node: Node): Shape {
  const s: Shape = { type: node.type, marker: node.marker, number: node.number, heading: node.heading, text: node.text, children: node.children.map(shape) };
  if (node.question !== undefined) s.question = node.question;
  if (node.type === 'table') Object.assign(s, { caption: node.caption ?? null, header: node.header ?? [], rows: node.rows ?? [] });
  return s;
}

function articleShape(a: Article) {
  return {
    title: a.title,
    dateline: a.dateline?.text ?? null,
    continuedFrom: a.continuedFrom?.page ?? null,
    continuedTo: a.continuedTo?.page ?? null,
    body: a.body.map(shape),
  };
}

function flatten(nodes: Shape[], out: string[] = []): string[] {
  for (const n of nodes) {
    out.push(JSON.stringify({ ...n, children: n.children.length }));
    flatten(n.children, out);
  }
  return out;
}

// parseAsync: Markdown with pipe tables needs the remark parser, which loads asynchronously.
function roundTrip(doc: PolicyDocument): Promise<PolicyDocument> {
  return parseAsync(formatMarkdown(doc), { name: `${doc.source.name}.md`, format: 'markdown' });
}

const documents: Record<string, string> = {
  'a plan with 一、 （一） and —— bullets': [
    '## 关于促进测试工作高质量发展的意见',
    '',
    '一、总体要求',
    '',
    '（一）指导思想。坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻新发展理念。',
    '',
    '（二）主要原则',
    '',
    '——以人民为中心。顺应人民群众期盼，切实解决群众后顾之忧。',
    '',
    '——以改革为动力。深化改革，破除制约因素。',
    '',
    '（三）主要目标',
    '',
    '到2025年，测试体系基本建立，服务水平明显提高。',
    '',
    '到2035年，测试体系更加完善。',
    '',
    '二、重点任务',
    '',
    '（四）加强组织领导。各地区各部门要提高政治站位，增强责任感。',
    '',
    '（五）做好宣传引导。加强政策宣传解读。一是加强统筹。二是狠抓落实。',
    '',
    '(新华社北京7月20日电)',
    '',
  ].join('\n'),
  'a law with 章 and 条': [
    '## 中华人民共和国测试法',
    '',
    '第一章　总则',
    '',
    '第一节　一般规定。',
    '',
    '第一条　为了规范测试活动，制定本法。',
    '',
    '第二条　本法适用于中华人民共和国境内的测试活动。',
    '',
    '测试活动应当遵循公开、公平、公正的原则。',
    '',
    '第二章　测试机构',
    '',
    '第三条　测试机构应当具备下列条件：',
    '',
    '（一）有自己的名称和住所；',
    '',
    '（二）有必要的财产。',
    '',
  ].join('\n'),
  'an interview with 问 and 答': [
    '## 推动测试工作高质量发展',
    '',
    '问：这次规划是如何组织实施的？',
    '',
    '答：在党中央的坚强领导下，各方高度重视。',
    '',
    '问：规划有什么样的总体考虑？',
    '',
    '答：我们坚持以人民为中心。',
    '',
    '一是政治性上，着力与发展目标相统一。',
    '',
    '二是创新性上，坚持守正和创新相统一。',
    '',
    '(本报北京7月20日电)',
    '',
  ].join('\n'),
  'numbered items after a continuation': [
    '(上接第3版)',
    '',
    '38.深化财务管理改革。健全完善管理体制。',
    '',
    '39.加强经费审查审计监督。按照一切经济活动都要纳入经审监督的要求，加强审计。',
    '',
    '十一、坚持以党的政治建设为统领,提高工作能力和水平',
    '',
    '41.全面加强党的建设。把学习贯彻作为重大政治任务。',
    '',
  ].join('\n'),
};

describe('Markdown round trip', () => {
  it.each(Object.entries(documents))('%s: same articles, same tree', async (name, input) => {
    const doc = await parseAsync(input, { name: 'input.md', format: 'markdown' });
    const again = await roundTrip(doc);
    expect(again.articles.map(articleShape)).toEqual(doc.articles.map(articleShape));
  });

  it('is stable: the Markdown of the re-read document is the same Markdown', async () => {
    for (const input of Object.values(documents)) {
      const md = formatMarkdown(await parseAsync(input, { name: 'input.md', format: 'markdown' }));
      expect(formatMarkdown(await parseAsync(md, { name: 'input.md', format: 'markdown' }))).toBe(md);
    }
  });

  describe('on the seed page', () => {
    const seed = parse(readFileSync(new URL('../../fixtures/seed-page.txt', import.meta.url)), { name: 'seed-page.txt' });
    let again: PolicyDocument;
    beforeAll(async () => {
      again = await roundTrip(seed);
    });

    it('keeps the articles, their titles, datelines and continuations', () => {
      const meta = (d: PolicyDocument) => d.articles.map((a) => ({ ...articleShape(a), body: undefined }));
      expect(meta(again)).toEqual(meta(seed));
      expect(again.page.section).toBe(seed.page.section);
    });

    it('keeps each article with the same tree', () => {
      expect(again.articles.map(articleShape)).toEqual(seed.articles.map(articleShape));
    });

    it('keeps every node of the tree (wherever the page stage puts it)', () => {
      const nodes = (d: PolicyDocument) => d.articles.flatMap((a) => flatten(a.body.map(shape))).sort();
      expect(nodes(again)).toEqual(nodes(seed));
    });
  });
});
