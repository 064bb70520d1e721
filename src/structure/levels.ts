// The numbering grammar of Chinese laws and policy documents, as data.
//
// One ordered table. Order matters only where two patterns could match the same
// start: 第X条 must be tried before 第一， (ordinal) and 问：/答： before anything
// that could read their first character. `rank` is the default depth of a scheme
// (smaller = higher): 编/篇/部分 > 分编 > 章 > 节 > 条 > 款 > 一、 > （一） > 1. > （1） > ① > the
// one-paragraph bullets. The tree builder follows these ranks unless the document
// clearly nests them the other way (see tree.ts).
import type { Node } from '../types.js';
import {
  CN_NUMERAL_CHARS,
  parseArabicNumeral,
  parseChineseNumeral,
  parseCircledNumeral,
  parseParenIdeograph,
} from './numerals.js';

export type NodeType = Node['type'];

export type SchemeId =
  | 'qa-question'
  | 'qa-answer'
  | 'part'
  | 'part-fenbian'
  | 'part-pian'
  | 'part-bufen'
  | 'chapter'
  | 'section'
  | 'article'
  | 'ordinal'
  | 'cn-dun'
  | 'cn-paren'
  | 'arabic-dot'
  | 'arabic-paren'
  | 'circled'
  | 'enum'
  | 'dash'
  | 'bullet';

/**
 * How the words after a marker split into heading and text:
 * - `line`: the rest of the line is the heading (第一章　总则);
 * - `none`: no heading, everything is text (第一条　为了……);
 * - `lead`: a short lead sentence is the heading (（八）依法实施三孩生育政策。修改……),
 *   a short one-sentence item is all heading (一、总体要求), otherwise none;
 * - `first-sentence`: the first sentence is the heading whatever its length (——以人民为中心。……);
 * - `question`: the rest is the question of a qa node.
 */
export type HeadingRule = 'line' | 'none' | 'lead' | 'first-sentence' | 'question';

export interface Scheme {
  id: SchemeId;
  type: NodeType;
  rank: number;
  /** Anchored at the start of the paragraph (after indentation); the whole match is the marker as written. */
  pattern: RegExp;
  /** The marker's integer, from the match; null for schemes without numbers. */
  value: (m: RegExpExecArray) => number | null;
  heading: HeadingRule;
  /** One paragraph per item: a following unmarked paragraph does not belong to it. */
  leaf: boolean;
  /** Extra check on what follows the marker (rest = the paragraph after the marker). */
  accept?: (rest: string, m: RegExpExecArray) => boolean;
}

const CN = `[${CN_NUMERAL_CHARS}]`;
const DIGIT = '[0-9０-９]';
/** Whitespace that may separate a marker from its words, the ideographic space included. */
export const SEPARATOR = /^[\s\u3000]*/;

const cnValue = (m: RegExpExecArray) => parseChineseNumeral(m[1]);
const arabicValue = (m: RegExpExecArray) => parseArabicNumeral(m[1]);
const anyValue = (m: RegExpExecArray) => parseArabicNumeral(m[1]) ?? parseChineseNumeral(m[1]);

/** After 第X条 without a space: words that make it a cross-reference (第五条规定的……), not a marker. */
const CROSS_REFERENCE = /^(第|款|项|规定|的|、|，|,|和|或|至|及|中|所|以|；|。)/;
const startsWithSpace = (rest: string) => /^[\s\u3000]/.test(rest) || rest === '';

/** 第X编/章/节 without a space is a heading only when the rest is a short title. */
const acceptDivision = (rest: string) =>
  startsWithSpace(rest) || (rest.length <= 30 && !/[，,。；;：:]/.test(rest) && !CROSS_REFERENCE.test(rest));

export const SCHEMES: readonly Scheme[] = [
  {
    // 问：/记者：, the question of an interview; 答： opens its answer.
    id: 'qa-question',
    type: 'qa',
    rank: 0,
    pattern: /^(?:问|记者)[：:]/,
    value: () => null,
    heading: 'question',
    leaf: false,
    accept: (rest) => rest.trim().length > 0,
  },
  {
    id: 'qa-answer',
    type: 'paragraph',
    rank: 1,
    pattern: /^答[：:]/,
    value: () => null,
    heading: 'none',
    leaf: true,
  },
  {
    id: 'part',
    type: 'part',
    rank: 10,
    pattern: new RegExp(`^第(${CN}+|${DIGIT}+)编`),
    value: anyValue,
    heading: 'line',
    leaf: false,
    accept: acceptDivision,
  },
  {
    // 第一分编 of the Civil Code: between 编 and 章.
    id: 'part-fenbian',
    type: 'part',
    rank: 15,
    pattern: new RegExp(`^第(${CN}+|${DIGIT}+)分编`),
    value: anyValue,
    heading: 'line',
    leaf: false,
    accept: acceptDivision,
  },
  {
    // 第一篇 of a plan outline (篇 > 章 > 节), 第一部分 of a long policy document.
    id: 'part-pian',
    type: 'part',
    rank: 10,
    pattern: new RegExp(`^第(${CN}+|${DIGIT}+)篇`),
    value: anyValue,
    heading: 'line',
    leaf: false,
    accept: acceptDivision,
  },
  {
    id: 'part-bufen',
    type: 'part',
    rank: 10,
    pattern: new RegExp(`^第(${CN}+|${DIGIT}+)部分`),
    value: anyValue,
    heading: 'line',
    leaf: false,
    accept: acceptDivision,
  },
  {
    id: 'chapter',
    type: 'chapter',
    rank: 20,
    pattern: new RegExp(`^第(${CN}+|${DIGIT}+)章`),
    value: anyValue,
    heading: 'line',
    leaf: false,
    accept: acceptDivision,
  },
  {
    id: 'section',
    type: 'section',
    rank: 30,
    pattern: new RegExp(`^第(${CN}+|${DIGIT}+)节`),
    value: anyValue,
    heading: 'line',
    leaf: false,
    accept: acceptDivision,
  },
  {
    // 第X条, 第X条之一 (an article inserted by an amendment keeps X as its number).
    id: 'article',
    type: 'article',
    rank: 40,
    pattern: new RegExp(`^第(${CN}+|${DIGIT}+)条(?:之${CN}+)?`),
    value: anyValue,
    heading: 'none',
    leaf: false,
    accept: (rest) => startsWithSpace(rest) || !CROSS_REFERENCE.test(rest),
  },
  {
    // 第一，第二， as paragraph openers.
    id: 'ordinal',
    type: 'item',
    rank: 95,
    pattern: /^第([一二三四五六七八九十]+)[，,、：:]/,
    value: cnValue,
    heading: 'lead',
    leaf: true,
  },
  {
    id: 'cn-dun',
    type: 'section',
    rank: 50,
    pattern: /^([一二三四五六七八九十百]+)[、.．]/,
    value: cnValue,
    heading: 'lead',
    leaf: false,
    accept: (rest) => !/^[一二三四五六七八九十]/.test(rest),
  },
  {
    // （一） (一) and the one-character ㈠.
    id: 'cn-paren',
    type: 'item',
    rank: 60,
    pattern: /^(?:[（(]([一二三四五六七八九十百]+)[)）]|([㈠-㈩]))/,
    value: (m) => (m[1] ? parseChineseNumeral(m[1]) : parseParenIdeograph(m[2])),
    heading: 'lead',
    leaf: false,
  },
  {
    // 1. 1． 1、 — but not 1.5万亿元 or 1、2月份 (a digit after the dot) nor a year (2025、).
    id: 'arabic-dot',
    type: 'item',
    rank: 70,
    pattern: new RegExp(`^(${DIGIT}{1,3})[.．、](?!${DIGIT})`),
    value: arabicValue,
    heading: 'lead',
    leaf: false,
    accept: (rest) => !/^[\s\u3000]*([%％‰年月日时号]|$)/.test(rest),
  },
  {
    id: 'arabic-paren',
    type: 'item',
    rank: 80,
    pattern: new RegExp(`^[（(](${DIGIT}{1,3})[)）]`),
    value: arabicValue,
    heading: 'lead',
    leaf: false,
  },
  {
    id: 'circled',
    type: 'item',
    rank: 90,
    pattern: /^([①-⑳㉑-㉟㊱-㊿])/u,
    value: (m) => parseCircledNumeral(m[1]),
    heading: 'lead',
    leaf: false,
  },
  {
    // 一是……二是…… opening paragraphs.
    id: 'enum',
    type: 'item',
    rank: 100,
    pattern: /^([一二三四五六七八九十]+)是/,
    value: cnValue,
    heading: 'lead',
    leaf: true,
    accept: (rest) => rest.length > 0 && !/^[否非一二三四五六七八九十，,]/.test(rest),
  },
  {
    // ——以人民为中心。 principle bullets (em dashes or horizontal bars, doubled).
    id: 'dash',
    type: 'principle',
    rank: 100,
    pattern: /^(?:——|――|──|－－)/,
    value: () => null,
    heading: 'first-sentence',
    leaf: true,
    // A line with no punctuation after a dash is a subtitle (——访……负责同志) or the
    // source of a quotation (——习近平……讲话), not a bullet.
    accept: (rest) => /[。；;：:！？!?，,]/.test(rest),
  },
  {
    id: 'bullet',
    type: 'item',
    rank: 100,
    pattern: /^[●•]/,  // not ■/□: newspapers open bylines with them (■本报记者 ……)
    value: () => null,
    heading: 'first-sentence',
    leaf: true,
    accept: (rest) => rest.trim().length > 0,
  },
];

export interface MarkerMatch {
  scheme: Scheme;
  /** The marker as written (第一条, （五）, 38.). */
  marker: string;
  number: number | null;
  /** The numeral as written inside the marker (十一, 38, ①), or null. */
  numeral: string | null;
  /** Offset in the paragraph text where the marker starts (after indentation). */
  start: number;
  /** Offset where the words after the marker (and its separator) begin. */
  contentStart: number;
}

/** Indentation, and Markdown strong emphasis the front-end left around a lead-in (**（一）指导思想。**坚持……). */
const INDENT = /^[\s\u3000]*(?:\*\*|__)?/;

/** Every marker of the table starts with one of these: most prose is turned away by one test. */
const MARKER_START = new RegExp(`^(?:[第问记答（(㈠-㈩①-⑳㉑-㉟㊱-㊿—―─－●•]|${CN}|${DIGIT})`, 'u');

/** The numbering marker a paragraph opens with, or null. */
export function matchMarker(text: string): MarkerMatch | null {
  const start = INDENT.exec(text)![0].length;
  const head = start ? text.slice(start) : text;
  if (!head || !MARKER_START.test(head)) return null;
  for (const scheme of SCHEMES) {
    const m = scheme.pattern.exec(head);
    if (!m) continue;
    const rest = head.slice(m[0].length);
    if (scheme.accept && !scheme.accept(rest, m)) continue;
    const number = scheme.value(m);
    if (scheme.id !== 'dash' && scheme.id !== 'bullet' && !scheme.id.startsWith('qa') && number === null) continue;
    const sep = SEPARATOR.exec(rest)![0].length;
    return { scheme, marker: m[0], number, numeral: m[1] ?? m[2] ?? null, start, contentStart: start + m[0].length + sep };
  }
  return null;
}
