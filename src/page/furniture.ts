import type { Block, Continuation, Dateline } from '../types.js';
import { parseNumeral } from '../structure/numerals.js';

// Page furniture: the lines a newspaper page adds around articles. Each recogniser
// is a pattern over one block's text; the page stage decides what to do with it.

/** (上接第1版) (下转第3版) 上接第2版 (接第4版) (转第4版): the article goes on elsewhere. */
const CONTINUATION = /^[（(【[]?\s*(上接|紧接|下转|接|续|转)(?:第|自第|至第)?\s*([0-9０-９]+|[一二三四五六七八九十百零〇两]+)\s*(?:版|页|面)\s*[)）】\]]?$/;
/** (接上版) (转下页): a continuation that does not say which page. */
const UNNUMBERED_CONTINUATION = /^[（(【[]\s*(接上|转下)(?:版|页)\s*[)）】\]]$/;

const CN_NUM = '[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3}';
const AGENCY = '新华社|中新社|本报|本刊|人民网|新华网|央视网|光明网|中国新闻网|[\\u4e00-\\u9fa5]{2,6}?(?:社|台|报|网)';

/** 2024年 before the month, written by some agencies. */
const YEAR = '(?:[0-9０-９]{4}年)?';
/** 记者王希 / 记者 王希、张三 inside the dateline's brackets. */
const REPORTERS = '(?:[\\s\\u3000]*记者[\\s\\u3000]*[\\u4e00-\\u9fa5·、\\s\\u3000]{2,24}?)?';

/** (新华社北京7月20日电) (新华社北京7月20日电 记者王希) as a line of its own, usually closing an article. */
const DATELINE_LINE = new RegExp(
  `^[（(]\\s*(${AGENCY})(?:记者[\\u4e00-\\u9fa5·]{2,12})?\\s*([\\u4e00-\\u9fa5]{1,8}?)\\s*${YEAR}(${CN_NUM})月(${CN_NUM})日(?:讯|电)${REPORTERS}\\s*[)）]$`,
);

/** 新华社北京5月18日电　近日，… : a dateline opening the first paragraph. */
const DATELINE_LEAD = new RegExp(
  `^[（(]?(${AGENCY})(?:记者[\\u4e00-\\u9fa5·、 ]{2,20})?\\s*([\\u4e00-\\u9fa5]{1,8}?)\\s*${YEAR}(${CN_NUM})月(${CN_NUM})日(?:讯|电)[)）]?[\\s\\u3000]*`,
);

/** 本报记者 张三 李四 / 记者：张三 / 通讯员 王五: who wrote it. */
const BYLINE = /^[（(]?(?:本报记者|本报通讯员|新华社记者|记者|通讯员|特约记者|本报特约记者|[\u4e00-\u9fa5]{2,6}(?:报|社|台|网)记者)[\s\u3000：:]*[\u4e00-\u9fa5·　 、]{2,30}[)）]?$/;

/**
 * Who took or drew the picture beside the text: （新华社记者 李四 摄）, 本报记者
 * 张三摄, （资料图片）, 新华社发. It names a reporter as a byline does, but it sits under
 * a photograph anywhere in an article, so it must not open the article below.
 */
const PHOTO_CREDIT = /^[（(]?(?:[\u4e00-\u9fa5·　 、：:]{2,30}?[\s\u3000]*(?:摄|摄影|供图|绘图|绘)|资料图片|[\u4e00-\u9fa5]{2,6}(?:社|报)发)[)）]?$/;
/** （本版图片均为资料图片） （图片来源：新华社）: a bracketed note on the pictures. */
const PICTURE_NOTE = /^[（(][^（）()。]{0,30}图片[^（）()。]{0,20}[)）]$/;

/** Who put the page together: 责任编辑, 本版责编, 美编, 版式设计, 制图 … */
const CREDIT_ROLE = '(?:本版)?(?:责任编辑|责编|编辑|校对|美编|审核|审校|版式设计|版式|设计|制图|图片编辑|视觉设计|统筹|策划|监制|终审)';
/** A role and its names (张三, 张三、李四, 张三 李四). */
const CREDIT = `${CREDIT_ROLE}[\\s\\u3000]*[：:][\\s\\u3000]*[\\u4e00-\\u9fa5·]{1,6}(?:[、\\s\\u3000]+[\\u4e00-\\u9fa5·]{1,6})*`;
/** (责任编辑：张三) 责编：李四 本版编辑：王五 本版责编：王五　美编：赵六: one credit or several. */
const EDITOR = new RegExp(`^[（(]?${CREDIT}(?:[\\s\\u3000]+${CREDIT})*[)）]?$`);

/**
 * A folio: the running head or foot of a printed page (人民日报　2019年7月21日
 * 星期日　第4版, 第 4 版, - 3 -). A date alone is not one: it signs off a document.
 */
const FOLIO_DATE = /[0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日/;
const FOLIO_EDITION = /第\s*[0-9０-９]{1,3}\s*版/;
const FOLIO_WEEKDAY = /星期[一二三四五六日天]|周[一二三四五六日]/;
const PAGE_NUMBER = /^[-—–－·\s]*[0-9０-９]{1,3}[-—–－·\s]*$/;

const CLOSING = /[。！？!?；;：:…”’」』）)》\]】.]$/;
const NUMBERED = /^(?:第[一二三四五六七八九十百千零〇两0-9０-９]+[编章节条]|[一二三四五六七八九十百]+[、．.]|[（(][一二三四五六七八九十百]+[)）]|[0-9０-９]+[.．、](?![0-9０-９])|[（(][0-9０-９]+[)）]|[①-⑳]|[㈠-㈩])/;

/** A paragraph never opens on closing punctuation: such a line resumes a cut sentence. */
export const OPENS_ON_CLOSING_PUNCTUATION = /^[、，,。；;：:）)”’」』》]/;

/** Nor on a particle or conjunction (的技术研发…, 和加强…的报告). */
export const OPENS_ON_PARTICLE = /^[的地得了着过们等及与和或之者所并而]/;

/** A table row in plain text: cells separated by a tab or a run of spaces. */
export const TABLE_ROW = /\t|\S {2,}\S/;

export type FurnitureKind = 'section' | 'headline' | 'continuation' | 'dateline' | 'byline' | 'editor';

export function folioOf(text: string): { date: string | null; edition: string | null } | null {
  const t = text.trim();
  if (t.length > 40 || /[，,。；;！？!?]/.test(t)) return null;
  const date = FOLIO_DATE.exec(t)?.[0] ?? null;
  const edition = FOLIO_EDITION.exec(t)?.[0] ?? null;
  // A page number or an edition alone, or a date with its weekday or edition.
  const folio = PAGE_NUMBER.test(t) || (edition !== null && t.replace(FOLIO_EDITION, '').trim().length === 0) || (date !== null && (edition !== null || FOLIO_WEEKDAY.test(t)));
  return folio ? { date, edition } : null;
}

export function continuationOf(text: string): (Continuation & { direction: 'from' | 'to' }) | null {
  const line = text.trim();
  const m = CONTINUATION.exec(line);
  if (!m) {
    const unnumbered = UNNUMBERED_CONTINUATION.exec(line);
    return unnumbered ? { page: null, text, direction: unnumbered[1] === '接上' ? 'from' : 'to' } : null;
  }
  const page = parseNumeral(m[2]);
  const direction = m[1] === '下转' || m[1] === '转' ? 'to' : 'from';
  return { page, text, direction };
}

export function datelineOf(text: string): Dateline | null {
  if (!mayHoldDateline(text)) return null;
  const line = text.trim();
  // (a dateline line opens on its bracket: a paragraph that only holds 月, 日 and 电
  // somewhere is turned away before the pattern)
  if (line[0] !== '（' && line[0] !== '(') return null;
  const m = DATELINE_LINE.exec(line);
  return m ? makeDateline(text, m) : null;
}

/** A dateline at the start of a paragraph: its length in the block, and the dateline. */
export function leadingDateline(text: string): { length: number; dateline: Dateline } | null {
  if (!mayHoldDateline(text)) return null;
  const m = DATELINE_LEAD.exec(text);
  if (!m || m[0].length >= text.length) return null;
  // A lead dateline is followed by spacing or the sentence itself; never cut a word.
  const body = text.slice(m[0].length);
  if (/^[，。、]/.test(body)) return null;
  const written = m[0].trimEnd();
  return { length: m[0].length, dateline: makeDateline(written, m) };
}

/**
 * Whether the text has the characters every dateline has (月, 日, 电 or 讯): most
 * paragraphs do not, and the dateline patterns backtrack through each one that
 * reaches them (costly while the pattern is still interpreted, in a short run).
 */
function mayHoldDateline(text: string): boolean {
  return text.includes('月') && text.includes('日') && (text.includes('电') || text.includes('讯'));
}

function makeDateline(text: string, m: RegExpExecArray): Dateline {
  return {
    text: text.trim(),
    agency: m[1] ?? null,
    place: m[2] || null,
    month: clampOrNull(parseNumeral(m[3]), 12),
    day: clampOrNull(parseNumeral(m[4]), 31),
  };
}

function clampOrNull(n: number | null, max: number): number | null {
  return n !== null && n >= 1 && n <= max ? n : null;
}

export function isByline(text: string): boolean {
  return BYLINE.test(text.trim());
}

/**
 * A photo caption (图为…, 上图：…, ▲…) or a reader prompt (扫码阅读全文, 点击阅读原文):
 * text of the page that is not the article's, wherever it stands between paragraphs.
 */
const CAPTION = /^(?:图为|[上下左右中]图[：:为]|图[①-⑳0-9０-９一二三四五六七八九十]{0,2}[：:]|图片说明[：:]|[▲△])/;
const PROMPT = /^(?:扫码|扫描二维码|扫一扫|点击|长按|欢迎关注|分享到|更多(?:内容|精彩|详情|报道|资讯))/;
/** （完） (全文完) 【完】: the end mark of a news story. */
const END_MARK = /^[（(【[]\s*(?:全文)?完\s*[)）】\]]$/;

export function isCaptionOrPrompt(text: string): boolean {
  const t = text.trim();
  return (t.length <= 120 && CAPTION.test(t)) || (t.length <= 30 && PROMPT.test(t)) || END_MARK.test(t);
}

/**
 * A line of symbols alone (◆, ＊　＊　＊, ——): an ornament or a scene break, no text
 * of any article. Letters, digits and Han characters are text, and so is closing
 * punctuation: a lone 。 or ）」 is the end of a cut sentence.
 */
export function isOrnament(text: string): boolean {
  const t = text.trim();
  if (t.length === 0 || t.length > 40) return false;
  // (code point ranges, not /[^\p{L}\p{N}]/u: that pattern costs a millisecond and
  // more to compile at every start)
  for (let i = 0; i < t.length; i++) if (!isSymbol(t.charCodeAt(i))) return false;
  return true;
}

const SENTENCE_MARKS = '。，、；：？！,.;:?!”’」』）)》】］｝';

/** A symbol or space that is neither a letter, a digit, nor a mark that ends a sentence or a clause. */
function isSymbol(c: number): boolean {
  if (SENTENCE_MARKS.includes(String.fromCharCode(c))) return false;
  if (c < 0x80) return !((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a));
  if (c === 0xa0 || c === 0xb7) return true;
  if (c >= 0x2000 && c <= 0x2bff) return true; // punctuation, arrows, shapes (◆ ▲ ★ ※ …)
  if (c >= 0x3000 && c <= 0x301f) return c !== 0x3007; // CJK marks and brackets, not 〇
  if (c >= 0xff01 && c <= 0xff65) return !((c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a));
  return false;
}

/** A credit line: who edited or laid out the page, or who took a photograph on it. */
export function isEditorLine(text: string): boolean {
  // (a credit line is short: a paragraph that happens to open on 编辑： is not one)
  const t = text.trim();
  return t.length <= 60 && (EDITOR.test(t) || (mayBePhotoCredit(t) && PHOTO_CREDIT.test(t)) || PICTURE_NOTE.test(t));
}

/**
 * A photo credit ends in 摄, 影, 图, 绘, 片 or 发 (perhaps before a bracket), and sets
 * its credit apart: in brackets, after a space or a slash, or after 记者. A bare
 * line that merely ends in such a verb (严禁在考场内拍摄) is none. (Asked first: the
 * pattern is dear.)
 */
function mayBePhotoCredit(t: string): boolean {
  let last = t[t.length - 1];
  if (last === '）' || last === ')') last = t[t.length - 2];
  if (last === undefined || !'摄影图绘片发'.includes(last)) return false;
  return /^[（(]|[\s\u3000/／]|记者|资料图片$|[社报]发$/.test(t);
}

export function endsClosed(text: string): boolean {
  return CLOSING.test(text.trim());
}

export function startsNumbered(text: string): boolean {
  return NUMBERED.test(text.trim());
}

/** 2019年1月12日 / 2018年12月26日: the date line of a sign-off block. */
export function isDateLine(text: string): boolean {
  return /^[0-9０-９〇零一二三四五六七八九]{4}年[0-9０-９一二三四五六七八九十]{1,2}月[0-9０-９一二三四五六七八九十]{1,3}日$/.test(text.trim());
}

/**
 * How many Han characters the text holds, up to `limit`: counted in place, since
 * a match array of a 4 MB line is 4 MB of one-character strings to collect.
 */
export function countHan(text: string, limit = Infinity): number {
  let n = 0;
  for (let i = 0; i < text.length && n < limit; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fa5) n++;
  }
  return n;
}

/** A line with no sentence punctuation at all: titles, section names, sign-offs, table captions. */
export function isBareLine(text: string): boolean {
  return !/[，,。；;：:！？!?]/.test(text);
}

/** The shape of a headline: a bare line of some length that is not a numbered heading nor a sign-off. */
export function looksLikeHeadline(block: Block): boolean {
  const t = block.text.trim();
  if (startsNumbered(t) || continuationOf(t) || datelineOf(t) || isDateLine(t)) return false;
  if (block.heading >= 2) return true;
  if (block.heading === 1) return isTitleSized(t);
  if (!isTitleSized(t) || t.length > 64) return false;
  if (/[。；;！？!?：:]$/.test(t) || /[，,。]/.test(t)) return false;
  return true;
}

/**
 * A top-level mark is a section name (# 综合新闻) unless the line is as long as a
 * title (# 国务院关于…的通知): a page may mark its headlines with # alone.
 */
function isTitleSized(t: string): boolean {
  return countHan(t, 10) >= 10;
}

/** 综合新闻 / 要闻 / 政策解读: a page section name. */
export function looksLikeSection(block: Block): boolean {
  const t = block.text.trim();
  if (block.heading === 1) return !startsNumbered(t) && !isTitleSized(t);
  if (block.heading > 1) return false;
  return /^[\u4e00-\u9fa5]{2,6}$/.test(t) && !isDateLine(t) && !startsNumbered(t);
}

/**
 * The names of official document genres (GB/T 9704 公文文种, and the forms of laws
 * and rules): a plain-text headline usually ends in one.
 */
const GENRE_ENDING = /(决议|决定|命令|令|公报|公告|通告|意见|通知|通报|报告|请示|批复|议案|函|纪要|法|条例|规定|办法|细则|规则|章程|方案|规划|纲要|计划|答记者问|讲话|说明)$/;

export function endsInGenre(text: string): boolean {
  return GENRE_ENDING.test(text.trim().replace(/[（(][^）)]*[）)]$/, ''));
}
