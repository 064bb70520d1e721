// Splitting the words after a marker into heading and text.
import type { HeadingRule } from './levels.js';

export interface HeadingSplit {
  heading: string | null;
  text: string;
}

/** A one-sentence item up to this many characters is all heading: （一）请求机关的名称； */
export const SHORT_ITEM = 40;
/** A lead sentence up to this many characters, without a comma, is a heading: （八）依法实施三孩生育政策。修改…… */
export const SHORT_LEAD = 30;

const SENTENCE_END = /[。！？!?]/;
const FINAL_STOP = /[。．]$/;

/**
 * rest: the paragraph after its marker and separator. `alone`: the paragraph was a
 * heading line of its own (a Markdown heading), so all of it is heading.
 * The heading never includes the full stop that closes it (the text keeps what
 * follows it); a closing ；or ： stays, it is part of what was written about the item.
 */
export function splitHeading(rule: HeadingRule, rest: string, alone = false): HeadingSplit {
  const split = splitWords(rule, rest, alone);
  // Markdown emphasis that closed the lead-in belongs to neither side.
  if (split.heading !== null && /(\*\*|__)/.test(split.heading + split.text.slice(0, 2))) {
    return { heading: split.heading.replace(EMPHASIS_END, '') || null, text: split.text.replace(EMPHASIS_START, '') };
  }
  return split;
}

const EMPHASIS_END = /(\*\*|__)[。．]?$/;
const EMPHASIS_START = /^(\*\*|__)/;

function splitWords(rule: HeadingRule, rest: string, alone: boolean): HeadingSplit {
  const words = rest.trimEnd();
  if (rule === 'none' || rule === 'question') return { heading: null, text: rest };
  if (!words) return { heading: null, text: '' };
  if (alone) return { heading: words.replace(FINAL_STOP, ''), text: '' };
  if (rule === 'line') {
    // 第一章　总则: a title line. A long line with sentences in it is read like an item.
    if (words.length <= SHORT_ITEM * 2 || !SENTENCE_END.test(words)) return { heading: words, text: '' };
    return splitWords('lead', rest, false);
  }
  const end = SENTENCE_END.exec(words);
  const oneSentence = end === null || end.index === words.length - 1;
  if (rule === 'first-sentence') {
    if (oneSentence) return { heading: words.replace(FINAL_STOP, '').replace(/[。！？!?]$/, '') || null, text: '' };
    return { heading: words.slice(0, end!.index), text: words.slice(end!.index + 1) };
  }
  // lead
  if (oneSentence) {
    if (words.length <= SHORT_ITEM) return { heading: words.replace(FINAL_STOP, '') || null, text: '' };
    return { heading: null, text: rest };
  }
  const lead = words.slice(0, end!.index);
  if (lead.length > 0 && lead.length <= SHORT_LEAD && !/[，,]/.test(lead)) {
    return { heading: lead, text: words.slice(end!.index + 1) };
  }
  return { heading: null, text: rest };
}
