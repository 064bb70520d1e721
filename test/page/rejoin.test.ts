import { explainPage, parse } from '../../src/index.js';
import { numberingScore } from '../../src/page/evidence.js';
import { isCut, isDivisionTitle } from '../../src/page/fragments.js';
import { leadingMarker, type LeadingMarker } from '../../src/page/markers.js';
import fc from 'fast-check';
import { bestMatching, linkSeams, type SeamCandidate } from '../../src/page/rejoin.js';
import { readFileSync } from 'node:fs';
import { LineIndex } from '../../src/decode/lines.js';
import { pageBlocks } from '../../src/frontends/ocr.js';
import { classifyBlocks } from '../../src/page/classify.js';
import { cutFragments } from '../../src/page/fragments.js';
import { MOST_STYLE_SCORE, Vocabulary } from '../../src/page/evidence.js';
import { opensOnParticle, seamWord } from '../../src/page/seams.js';
import { bracketFit, closedAtStart, openAtEnd } from '../../src/page/brackets.js';
import type { Block } from '../../src/types.js';

const seam = (tail: number, head: number, score: number): SeamCandidate => ({ tail, head, score, why: [], chosen: false });
const joins = (chosen: SeamCandidate[]) => chosen.map((c) => `${c.tail}->${c.head}`).sort();
const markers = (...texts: string[]): LeadingMarker[] => texts.map((t) => leadingMarker(t)!);
const block = (text: string): Block => ({ text, heading: 0, segments: [] }) as unknown as Block;

describe('choosing the joins of a page', () => {
  it('gives up a tail’s best head when that head is the only fit of another cut', () => {
    // 教|育 (4.5) and 教|的 (5.7) for tail 1; tail 2 fits only 的 (1.8).
    const chosen = bestMatching([seam(1, 9, 5.7), seam(1, 7, 4.5), seam(2, 9, 1.8)]);
    expect(joins(chosen)).toEqual(['1->7', '2->9']);
  });

  it('keeps the best pair when the other cut has somewhere else to go', () => {
    const chosen = bestMatching([seam(1, 9, 5.7), seam(1, 7, 1.5), seam(2, 9, 4), seam(2, 8, 3.9)]);
    expect(joins(chosen)).toEqual(['1->9', '2->8']);
  });

  it('uses each tail and each head at most once, across independent groups', () => {
    const chosen = bestMatching([seam(1, 5, 3), seam(1, 6, 2), seam(3, 8, 2), seam(4, 8, 2.5), seam(4, 9, 1)]);
    expect(joins(chosen)).toEqual(['1->5', '3->8', '4->9']);
  });
});

describe('weighing only the pairs that can be chosen', () => {
  const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
  const pages = ['seed-page.txt', 'seed-page.wrapped.txt'].map(fixture);
  // a page of short bare lines (maybe cut, maybe whole), which most pairs cannot join
  pages.push(pages[0].replace(/，/g, '\n\n'));

  it.each(pages.map((text, i) => [i, text]))('chooses the joins a full weighing chooses (page %i)', (_i, text) => {
    const fragments = cutFragments(classifyBlocks(pageBlocks(text)), new LineIndex(text)).fragments;
    const quick = linkSeams(fragments, new Vocabulary());
    // explaining weighs and keeps every pair, those below the bar included
    const full = linkSeams(fragments, new Vocabulary(), true);
    expect(full.candidates.some((c) => c.score < -50)).toBe(true);
    expect(quick.links.size).toBeGreaterThan(0);
    expect([...quick.links].sort()).toEqual(full.candidates.filter((c) => c.chosen).map((c) => [c.tail, c.head]).sort());
  });

  it('leaves pairs by a bound that holds: the contexts add at most 0.5 for style and 4 for vocabulary, and the paragraph above only takes away', () => {
    const most = new Map<string, number>();
    for (const text of pages) {
      const fragments = cutFragments(classifyBlocks(pageBlocks(text)), new LineIndex(text)).fragments;
      for (const c of linkSeams(fragments, new Vocabulary(), true).candidates) {
        for (const why of c.why) {
          const reason = why.replace(/^\S+ /, '');
          most.set(reason, Math.max(most.get(reason) ?? -Infinity, Number(why.split(' ')[0])));
        }
      }
    }
    expect(most.get('punctuation style')).toBe(MOST_STYLE_SCORE);
    expect(most.get('shared vocabulary')).toBeGreaterThan(2);
    expect(most.get('shared vocabulary')).toBeLessThanOrEqual(4);
    expect(most.get('reads on from the paragraph above')).toBeLessThan(0);
  });
});

describe('word evidence across a seam', () => {
  it('tells a word cut inside from two words that merely form a compound', () => {
    expect(seamWord('加强宣传倡', '导,促进相关')).toEqual({ word: '倡导', compound: false });
    expect(seamWord('各省、自治区、直', '辖市人民政府')).toMatchObject({ compound: false });
    expect(seamWord('请求的提出、接收和处理', '单元统一制定')).toMatchObject({ word: '处理单元', compound: true });
  });
});

describe('heads that resume a sentence', () => {
  it('open on a particle standing alone, not on a word that starts with one', () => {
    expect(opensOnParticle('的技术研发和产品升级，加强社区教育。')).toBe(true);
    expect(opensOnParticle('和加强防震减灾工作意见的报告')).toBe(true);
    expect(opensOnParticle('地方性法规和省、自治区、直辖市人民政府规章。')).toBe(false);
    expect(opensOnParticle('着力推进高质量发展。')).toBe(false);
    expect(opensOnParticle('所有企业都应当遵守。')).toBe(false);
    // a suffix cut from its word (政府|性融资担保机构), but not a word of its own (率先)
    expect(opensOnParticle('性融资担保机构运作的重要意义，把规范工作摆上重要议事日程。')).toBe(true);
    expect(opensOnParticle('类职业技能等级证书，拓展就业创业本领。')).toBe(true);
    expect(opensOnParticle('率先推进政务新媒体建设。')).toBe(false);
  });
});

describe('cut ends', () => {
  it('takes a sentence begun after a full stop and never ended for a cut', () => {
    expect(isCut(block('7.建设创新高地。综合运用综合保税区政策'), undefined)).toBe(true);
    expect(isCut(block('7.建设创新高地。'), undefined)).toBe(false);
  });

  it('takes a short line with a clause after its comma for a cut, unless it is a numbered heading', () => {
    expect(isCut(block('近年来，各地'), undefined)).toBe(true);
    expect(isCut(block('二、丰富赛事活动，完善赛事体系'), undefined)).toBe('maybe');
    expect(isCut(block('国务院办公厅'), undefined)).toBe('maybe');
  });

  it('takes a bracketed aside inside an unfinished sentence for a cut, not one after it', () => {
    expect(isCut(block('制定行政规范性文件（以下简称规范性文件）'), undefined)).toBe(true);
    expect(isCut(block('（此件公开发布）'), undefined)).toBe(false);
    expect(isCut(block('支持开展保证保险试点。（负责部门：海关总署、银保监会）'), undefined)).toBe(false);
  });
});

describe('numbering evidence', () => {
  it('lets a higher level follow a lower one without its first number in view', () => {
    // 二、 after （三）: the window does not reach back to 一、, which says nothing.
    expect(numberingScore(markers('（三）工作目标。'), markers('二、试点范围'))).toBe(0);
    // （三） after 一、 skips （一） and （二）: doubtful.
    expect(numberingScore(markers('一、总体要求'), markers('（三）工作目标。'))).toBe(-0.5);
    expect(numberingScore(markers('（三）工作目标。'), markers('（四）保障措施。'))).toBe(3);
  });

  it('expects a list to start again at 1 under a new heading of a higher level, not otherwise', () => {
    const law = markers('（一）查封场所；', '（五）其他措施。', '第十二条 行政强制执行的方式：');
    expect(numberingScore(law, markers('（一）加处罚款或者滞纳金；'))).toBe(1);
    expect(numberingScore(markers('一、总体要求', '（一）指导思想。', '（三）工作目标。'), markers('（一）加处罚款；'))).toBe(-2);
    // 一是 lists restart inside any paragraph
    expect(numberingScore(markers('一是突出重点；', '三是健全机制。'), markers('一是加强领导；'))).toBe(0);
  });

  it('does not hold a restart against a document when a heading that may follow it opens the run', () => {
    // A law seen from its 第三节 on, no chapter yet: 第三章 | 第一节 may well be its sequel.
    const fromSection = markers('第三节 专家论证', '第四节 风险评估', '第二十四条 风险评估结果应当作为决策的重要依据。');
    expect(numberingScore(fromSection, markers('第三章 合法性审查和集体讨论决定', '第一节 合法性审查'))).toBe(0);
    // … but not when that heading is out of step with it: 一、 after 三、 explains no （一）.
    const plan = markers('一、总体要求', '（一）指导思想。', '三、加强功能建设', '（一）推进政务公开。');
    expect(numberingScore(plan, markers('一、总体要求', '（一）指导思想。'))).toBe(-2);
  });

  it('scores as the plain definition does, on any markers', () => {
    // The definition, written with arrays and sets (numberingScore makes none).
    const reference = (before: LeadingMarker[], after: LeadingMarker[]): number => {
      const numbered = after.filter((m) => m.number !== null && m.scheme !== 'qa');
      if (numbered.length === 0) {
        const beforeQa = before.some((m) => m.scheme === 'qa');
        const afterQa = after.some((m) => m.scheme === 'qa');
        return beforeQa && afterQa ? 1 : beforeQa !== afterQa && after.length > 0 && before.length > 0 ? -0.5 : 0;
      }
      const scores: number[] = [];
      const judged = new Set<string>();
      const fits = (heading: LeadingMarker) => {
        const last = before.filter((b) => b.scheme === heading.scheme && b.number !== null).pop();
        return last === undefined || heading.number === last.number! + 1;
      };
      for (const next of numbered.slice(0, 3)) {
        const higherBefore = numbered.slice(0, numbered.indexOf(next)).some((h) => h.rank < next.rank && fits(h));
        if (judged.has(next.scheme)) continue;
        judged.add(next.scheme);
        let k = before.length - 1;
        while (k >= 0 && !(before[k].scheme === next.scheme && before[k].number !== null)) k--;
        if (k < 0) continue;
        const m = before[k];
        const restart = next.scheme === 'enum' ? 0 : before.slice(k + 1).some((b) => b.rank < next.rank) ? 1 : higherBefore ? 0 : -2;
        scores.push(next.number === m.number! + 1 ? 3 : next.number === m.number! + 2 ? 1 : next.number === 1 ? restart : -2);
      }
      if (scores.length > 0) return Math.max(...scores) === 3 ? 3 : Math.min(...scores);
      if (numbered[0].scheme === 'cn-dun' && before.some((m) => ['article', 'section', 'chapter'].includes(m.scheme))) return -2;
      if (['section', 'chapter'].includes(numbered[0].scheme) && before.some((m) => m.scheme === 'cn-dun')) return -2;
      if (numbered[0].number === 1) return 0.5;
      if (before.length > 0 && before.every((m) => m.rank > numbered[0].rank)) return 0;
      return before.length > 0 ? -0.5 : 0;
    };
    const marker = fc.record({
      scheme: fc.constantFrom('chapter', 'article', 'cn-dun', 'cn-paren', 'arabic-dot', 'enum', 'qa'),
      number: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
      rank: fc.integer({ min: 1, max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(marker, { maxLength: 6 }), fc.array(marker, { maxLength: 6 }), (before, after) => {
        expect(numberingScore(before, after)).toBe(reference(before, after));
      }),
      { numRuns: 3000 },
    );
  });

  it('lets a number out of step outweigh a loose fit, but not an exact next number', () => {
    const law = markers('第五章 收养', '第一节 收养关系的成立', '第一千一百零五条 收养应当向县级以上人民政府民政部门登记。');
    // 第三节 after 第一节 fits loosely (one skipped), 第四十四条 after 第一千一百零五条 not at all
    expect(numberingScore(law, markers('第四十四条 监区、作业区周围的机关、团体。', '第三节 戒具和武器的使用'))).toBe(-2);
    // 第一千一百零六条 is the next article: a chapter out of step does not undo it
    expect(numberingScore(law, markers('第一千一百零六条 收养关系成立后。', '第九章 附则'))).toBe(3);
  });

  it('takes a 一、 heading after a law\'s divisions, or a chapter after 一、, for another document', () => {
    const law = markers('第六章 附则', '第三十八条 本法自2016年3月1日起施行。');
    expect(numberingScore(law, markers('二、基本原则'))).toBe(-2);
    // … but not when only asking how a column reads on (seams' sequel points)
    expect(numberingScore(law, markers('二、基本原则'), false)).toBe(-0.5);
    expect(numberingScore(markers('（三）工作目标。'), markers('二、基本原则'))).toBe(0);
    // and the other way round: a chapter after a plan's sections
    expect(numberingScore(markers('一、总体要求', '（三）发展目标。'), markers('第二章 著作权'))).toBe(-2);
  });

  it('lets only the first marker of a scheme face the earlier text', () => {
    // (六) (七) after （六）: a repeat and its own sequel, not a continuation of （六）.
    expect(numberingScore(markers('（五）在抗御自然灾害中有突出表现的；', '（六）有其他重大贡献的。'), markers('(六)明确审核职责。', '(七)强化审核责任。'))).toBe(-2);
  });
});

describe('a page where greedy joining goes wrong', () => {
  // （三）推进高等职业教 fits 的技术研发… best (a particle head, numbering), but 教|育
  // nearly as well; the other cut, …中小微企业, fits only 的技术研发….
  const page = parse(
    [
      '（三）推进高等职业教',
      '第五条 公民、法人和其他组织可以依法申请获取政府信息，行政机关应当依法答复。',
      '第六条 行政机关应当及时、准确地公开政府信息。',
      '育高质量发展。',
      '把发展高等职业教育作为优化高等教育结构的重要方式，重点服务企业特别是中小微企业',
      '第七条 各级人民政府应当加强政府信息资源的规范化建设。',
      '的技术研发和产品升级，加强社区教育和终身学习服务。',
      '（四）完善高层次应用型人才培养体系。',
    ].join('\n\n'),
    { name: 'page.txt' },
  );
  const paragraphs = page.articles.flatMap((a) => a.text.split('\n'));

  it('re-joins both cuts, each to its own continuation', () => {
    expect(paragraphs).toContain('（三）推进高等职业教育高质量发展。');
    expect(paragraphs).toContain('把发展高等职业教育作为优化高等教育结构的重要方式，重点服务企业特别是中小微企业的技术研发和产品升级，加强社区教育和终身学习服务。');
  });

  it('reads a continuation right after its cut, whatever lies between them on the page', () => {
    const text = page.articles.map((a) => a.text).join('\n');
    expect(text.indexOf('（三）推进')).toBeLessThan(text.indexOf('把发展高等职业教育'));
    expect(text.indexOf('把发展高等职业教育')).toBeLessThan(text.indexOf('（四）完善'));
  });
});

describe('a law division title before a head that opens on a comma', () => {
  it('is never its tail: a title does not run on into a comma', () => {
    const page = [
      '第二章 监狱',
      '第十一条 监狱的设置、撤销、迁移，由国务院司法行政部门批准。',
      '政务新媒体是党和政府联系群众、服务群众、凝聚',
      '，取得了较好成效。',
    ].join('\n');
    const [explained] = explainPage(page, { name: 'p.txt' });
    const title = explained.fragments.find((f) => f.first.startsWith('第二章'))!;
    const comma = explained.fragments.find((f) => f.first.startsWith('，'))!;
    const pair = explained.seams.find((s) => s.tail === title.index && s.head === comma.index);
    expect(pair === undefined || pair.score < 0).toBe(true);
    expect(isDivisionTitle('第二章 监狱')).toBe(true);
    expect(isDivisionTitle('第二章 监狱，')).toBe(false);
  });
});

describe('a short bare tail that did lose its end', () => {
  // A short line without punctuation is a heading as often as a cut, so only
  // evidence lets it join; these two kinds of evidence are found on the page.
  const paragraphsOf = (page: string[]) => parse(page.join('\n\n'), { name: 'page.md' }).articles.map((a) => a.text.split('\n'));
  const other = [
    '## 国务院关于加强数字政府建设的指导意见',
    '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：',
    '加强数字政府建设是适应新一轮科技革命和产业变革趋势的必然要求。现提出如下意见。',
  ];

  it('joins a head that cannot open a paragraph and reads as a sentence', () => {
    const [law, notice] = paragraphsOf([
      '## 中华人民共和国合伙企业法',
      '第四十八条 合伙人有下列情形之一的，当然退伙：',
      '（一）作为合伙人',
      ...other,
      '的自然人死亡或者被依法宣告死亡；',
      '（二）个人丧失偿债能力；',
    ]);
    expect(law).toContain('（一）作为合伙人的自然人死亡或者被依法宣告死亡；');
    expect(notice).toHaveLength(2);
  });

  it('joins an item of a list of sentences, which does not turn into a heading halfway', () => {
    const [law] = paragraphsOf([
      '## 中华人民共和国合伙企业法',
      '第三十三条 合伙人不得有下列行为：',
      '（一）擅自处分合伙企业的财产；',
      '（二）以合伙企业名义',
      ...other,
      '为他人提供担保；',
      '（三）从事损害本合伙企业利益的活动。',
    ]);
    expect(law).toContain('（二）以合伙企业名义为他人提供担保；');
  });

  it('still keeps a heading whole before a paragraph that opens on a particle but is a title', () => {
    const [report] = paragraphsOf([
      '## 国务院办公厅转发国家地震局报告的通知',
      '关于我国地震重点监视防御区的确定',
      '和加强防震减灾工作意见的报告',
      '国务院：',
      '我国地震重点监视防御区的确定，对加强防震减灾工作具有重要意义。现将有关意见报告如下。',
    ]);
    expect(report.slice(0, 2)).toEqual(['关于我国地震重点监视防御区的确定', '和加强防震减灾工作意见的报告']);
  });
});

describe('a head several unnumbered paragraphs above its article\'s next number', () => {
  it('is judged by that number, as the paragraphs below it are', () => {
    const page = [
      '## 中华人民共和国行政许可法',
      '第十五条 本法第十二条所列事项，尚未制定法律的，地方性法规可以设定行政许可。',
      '第十六条 行政法',
      '## 中华人民共和国行政复议法',
      '第三十条 行政复议申请符合下列规定的，行政复议机关应当予以受理：',
      '（一）有明确的申请人和符合本法规定的被申请人；',
      '（二）申请人与被申请行政复议的行政行为有利害关系；',
      '规可以在法律设定的行政许可事项范围内，对实施该行政许可作出具体规定。',
      '地方性法规可以在法律、行政法规设定的行政许可事项范围内，对实施该行政许可作出具体规定。',
      '规章可以在上位法设定的行政许可事项范围内，对实施该行政许可作出具体规定。',
      '第十七条 除本法第十四条、第十五条规定的外，其他规范性文件一律不得设定行政许可。',
    ].join('\n\n');
    const [licensing, review] = parse(page, { name: 'page.md' }).articles;
    expect(licensing.text).toContain('第十六条 行政法规可以在法律设定的行政许可事项范围内');
    expect(licensing.text).toContain('第十七条');
    expect(review.text).not.toContain('规可以');
  });
});

describe('the lines that close a document', () => {
  const page = [
    '## 国务院关于印发国家职业教育改革实施方案的通知',
    '职业教育与普通教育是两种不同教育类型，具有同等重要地位。但与发达国家相比，与建设现代化经济体系、',
    '## 国务院关于在市场监管领域全面推行部门联合双随机一公开监管的意见',
    '在市场监管领域全面推行双随机、一公开监管，是深化放管服改革的重要举措。各地区、各部门要加强职业教育和监管执法人员培训。',
    '国务院',
    '2019年1月24日',
    '（此件公开发布）',
    '建设教育强国的要求相比，我国职业教育还存在着体系建设不够完善、职业技能实训基地建设有待加强等问题。',
  ].join('\n\n');

  it('never resume a cut sentence, and what follows them does not read on from them', () => {
    const [explained] = explainPage(page, { name: 'p.md' });
    const closing = explained.fragments.filter((f) => /^(国务院$|2019年|（此件)/.test(f.first)).map((f) => f.index);
    expect(closing).toHaveLength(3);
    expect(explained.seams.filter((s) => closing.includes(s.head))).toEqual([]);
    const [plan] = parse(page, { name: 'p.md' }).articles;
    expect(plan.text).toContain('与建设现代化经济体系、建设教育强国的要求相比，');
  });
});

describe('quotes and brackets across a seam', () => {
  it('pairs a quote left open by the tail with the head that closes it', () => {
    expect(openAtEnd('按照“谁审批、谁监管，谁主管、谁')).toBe('“');
    expect(openAtEnd('按照“谁审批”的原则')).toBeNull();
    expect(closedAtStart('审批、谁监管”的原则（试行）')).toBe('”');
    expect(bracketFit('按照“谁', '审批、谁监管”的原则')).toBe(1);
  });

  it('counts against a head that closes what the tail never opened', () => {
    expect(bracketFit('加强监管，', '审批、谁监管”的原则')).toBe(-1);
    expect(bracketFit('依法（试', '行）办理')).toBe(1);
    expect(bracketFit('依法（试', '行”办理')).toBe(-1);
  });

  it('says nothing when the head closes nothing', () => {
    expect(bracketFit('按照“谁', '审批、谁监管')).toBe(0);
  });

  it('knows every pair, half- and full-width, and nothing between them', () => {
    for (const [open, close] of ['“”', '‘’', '《》', '（）', '()', '「」', '『』', '【】']) {
      expect(openAtEnd(`依照${open}条`)).toBe(open);
      expect(closedAtStart(`例${close}规定`)).toBe(close);
      expect(bracketFit(`依照${open}条`, `例${close}规定`)).toBe(1);
    }
    // 〈〉 and 〔〕 sit among them in Unicode but are not read as pairs
    expect(openAtEnd('依照〈条〔例')).toBeNull();
    expect(closedAtStart('条〉例〕规定')).toBeNull();
  });
});

describe('bare lines in plain text', () => {
  const kinds = (text: string) => {
    const doc = parse(text, { name: 'page.txt' });
    return doc.furniture.filter((f) => f.kind === 'headline').map((f) => f.text);
  };

  it('takes a bare line over a first numbered item for a headline', () => {
    expect(kinds('关于加强基层医疗卫生服务能力建设的实施意见方案\n一、总体要求。各地要认真落实。')).toEqual(['关于加强基层医疗卫生服务能力建设的实施意见方案']);
  });

  it('reads a bare line over an item deep in its numbering as a cut sentence', () => {
    const text = '公民、法人或者其他组织因人民法院在强制执行中有违法行为或者扩大强制\n（三十五）将第一类医疗器械的备案管理权限下放至省药品监督管理部门。';
    expect(kinds(text)).toEqual([]);
  });
});

describe('marked headlines', () => {
  it('takes the highest marked level below the section for headlines, ### included', () => {
    const page = parse(
      [
        '# 要闻',
        '### 国务院关于加强基层医疗卫生服务能力建设的意见',
        '各省、自治区、直辖市人民政府：',
        '一、总体要求。各地要认真落实。',
        '#### 加强组织领导',
        '各地要高度重视，抓好落实。',
        '### 中华人民共和国行政复议法',
        '第一条　为了防止和纠正违法的或者不当的行政行为，制定本法。',
      ].join('\n\n'),
      { name: 'page.md' },
    );
    expect(page.articles.map((a) => a.title)).toEqual(['国务院关于加强基层医疗卫生服务能力建设的意见', '中华人民共和国行政复议法']);
    expect(page.articles[0].text).toContain('加强组织领导');
  });

  it('takes a title-length # line for a headline, a short one for the section', () => {
    const page = parse(['# 要闻', '# 国务院关于加强基层医疗卫生服务能力建设的意见', '各省、自治区、直辖市人民政府：', '一、总体要求。各地要认真落实。'].join('\n\n'), {
      name: 'page.md',
    });
    expect(page.page.sections).toEqual(['要闻']);
    expect(page.articles.map((a) => a.title)).toEqual(['国务院关于加强基层医疗卫生服务能力建设的意见']);
  });
});

describe('running heads', () => {
  const page = parse(
    ['人民日报　2019年7月21日　星期日　第4版', '各地区要加强宣传倡', '- 3 -', '导，促进相关惠民政策落地见效。'].join('\n\n'),
    { name: 'page.txt' },
  );

  it('are furniture of no article, and give the page its date and edition', () => {
    expect(page.page.date).toBe('2019年7月21日');
    expect(page.page.edition).toBe('第4版');
    expect(page.furniture.filter((f) => f.kind === 'noise').map((f) => f.article)).toEqual([null, null]);
  });

  it('do not stand between a cut and its continuation', () => {
    expect(page.articles.map((a) => a.text)).toEqual(['各地区要加强宣传倡导，促进相关惠民政策落地见效。']);
  });
});

describe('debris lines', () => {
  it('a line of format characters and spaces only is noise; one that goes on to text is not', () => {
    const page = parse(['第一条　为了规范管理，制定本办法。', '\u200b\u2060\u3000\ufeff', '\u00a0\u200b', '\u200b第二条　本办法自公布之日起施行。'].join('\n\n'), { name: 'page.txt' });
    // (blocks reach the page stage with their outer white space trimmed)
    expect(page.furniture.filter((f) => f.kind === 'noise').map((f) => f.text)).toEqual(['\u200b\u2060', '\u200b']);
    expect(page.articles.map((a) => a.text).join('\n')).toContain('第二条　本办法自公布之日起施行。');
  });
});
