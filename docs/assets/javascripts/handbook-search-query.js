// The handbook's query analysis and ranking over Pagefind (no DOM: Node's tests import it too).
//
// Staff type what the customer says: "客户说热水器漏点了，要打12315". Pagefind on its own ANDs
// every word (a sentence finds nothing) and knows neither colloquial words nor typos. Here:
//   1. known phrases are cut out first, longest first: category keywords, the policy's terms
//      and their colloquial words (骂人 → 辱骂, 消协 → 消费者协会), from search-lexicon.json;
//   2. sound-alike typos of those phrases are corrected with the pinyin table (漏点 → 漏电),
//      and pinyin typed with the input method off is read too (tuikuan → 退款);
//   3. the rest is split into words (Intl.Segmenter, digits apart from Han: 24小时 → 24 小时),
//      stopwords are dropped, and a lone character joins the word before it (热水|器);
//   4. each concept (a phrase with its alternatives, or a word) is searched on its own and the
//      pages are ranked by how much of the query's significant words they cover: a page that
//      has only some of the words still ranks, pages with more of the rarer words rank higher.

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_RUN = /[a-z]+/g;

/** Prepared lexicon: what analyse() needs, built once from search-lexicon.json. */
export function prepareLexicon(json) {
  const phrases = new Map(Object.entries(json.phrases || {}));
  const readings = new Map();
  for (const [syllable, chars] of Object.entries(json.pinyin || {}))
    for (const char of chars) {
      if (!readings.has(char)) readings.set(char, []);
      readings.get(char).push(syllable);
    }
  // phrases by the sound of their first character, for typo correction
  const bySound = new Map();
  // whole-phrase pinyin typed without the input method: "tuikuan" → 退款
  const spelled = new Map();
  for (const phrase of phrases.keys()) {
    const chars = [...phrase];
    if (chars.length < 2 || !chars.every(c => readings.has(c))) continue;
    for (const s of readings.get(chars[0])) {
      if (!bySound.has(s)) bySound.set(s, []);
      bySound.get(s).push(phrase);
    }
    for (const key of spellings(chars, readings)) if (!spelled.has(key)) spelled.set(key, phrase);
  }
  return {
    phrases,
    byLength: [...phrases.keys()].filter(p => [...p].length >= 2)
      .sort((a, b) => b.length - a.length || (a < b ? -1 : 1)),
    stop: new Set(json.stopwords || []),
    readings,
    bySound,
    spelled,
  };
}

function spellings(chars, readings, limit = 16) {
  let keys = [""];
  for (const c of chars) {
    keys = keys.flatMap(k => readings.get(c).map(s => k + s));
    if (keys.length > limit) keys = keys.slice(0, limit);
  }
  return keys;
}

const segmenter = typeof Intl !== "undefined" && typeof Intl.Segmenter === "function"
  ? new Intl.Segmenter("zh", { granularity: "word" }) : null;

function words(run) {
  if (segmenter)
    return [...segmenter.segment(run)].filter(s => s.isWordLike).map(s => s.segment);
  if (run.length <= 2) return [run];
  const pairs = [];  // no Intl.Segmenter: overlapping pairs (Pagefind still matches prefixes)
  for (let i = 0; i < run.length - 1; i++) pairs.push(run.slice(i, i + 2));
  return pairs;
}

function isWord(text) {
  const found = segmenter ? words(text) : [];
  return found.length === 1 && found[0] === text;
}

function soundsLike(a, b, readings) {
  const ra = readings.get(a), rb = readings.get(b);
  return !!ra && !!rb && ra.some(s => rb.includes(s));
}

// A stretch of the query that sounds like a known phrase but is written differently (one
// character in two, two in four...): the input method picked the wrong character.
function findTypo(run, lexicon) {
  const chars = [...run];
  // a slip starts where a word starts (衣机 inside 洗衣机 is not one)
  const starts = new Map();
  let at = 0;
  for (const w of segmenter ? words(run) : chars) {
    starts.set(at, [...w].length);
    at += [...w].length;
  }
  for (let i = 0; i < chars.length - 1; i++)
    for (const s of starts.has(i) ? lexicon.readings.get(chars[i]) || [] : [])
      for (const phrase of lexicon.bySound.get(s) || []) {
        const target = [...phrase];
        if (i + target.length > chars.length || starts.get(i) > target.length) continue;
        let differ = 0, same = true;
        for (let j = 0; j < target.length && same; j++) {
          if (chars[i + j] === target[j]) continue;
          differ++;
          same = soundsLike(chars[i + j], target[j], lexicon.readings);
        }
        const text = chars.slice(i, i + target.length).join("");
        // a word the segmenter's dictionary knows (发货, 手上) is meant, not a slip
        if (same && differ > 0 && differ <= Math.max(1, target.length >> 1) && !isWord(text))
          return { text, phrase };
      }
  return null;
}

/**
 * Query → concepts: [{label, alts, phrase, corrected}]. alts are searched with OR; label is
 * what the user typed (shown as missing when nothing has it); corrected is the phrase a typo
 * was read as.
 */
export function analyse(raw, lexicon) {
  let q = raw.normalize("NFKC").toLowerCase();
  const concepts = [];
  const add = (label, alts, extra = {}) => {
    if (concepts.some(c => c.label === label)) return;
    concepts.push({ label, alts: [...new Set(alts.map(String))], phrase: false, ...extra });
  };
  // 1. known phrases, longest first (keywords, terms, colloquial words)
  for (const phrase of lexicon.byLength) {
    if (!q.includes(phrase)) continue;
    add(phrase, lexicon.phrases.get(phrase), { phrase: true });
    q = q.split(phrase).join(" ");
  }
  // 2. sound-alike typos of known phrases, and pinyin typed as letters
  q = q.replace(HAN_RUN, run => {
    let rest = run, typo;
    while ((typo = findTypo(rest, lexicon))) {
      add(typo.text, [typo.text, ...lexicon.phrases.get(typo.phrase)],
        { phrase: true, corrected: typo.phrase });
      rest = rest.replace(typo.text, " ");
    }
    return rest;
  });
  q = q.replace(LATIN_RUN, run => {
    const phrase = run.length >= 4 ? lexicon.spelled.get(run) : undefined;
    if (!phrase) return run;
    add(run, lexicon.phrases.get(phrase), { phrase: true, corrected: phrase });
    return " ";
  });
  // 3. the rest: words, without stopwords; a lone character joins the word before it
  q = q.replace(/[\p{P}\p{S}]+/gu, " ")
    .replace(/(\p{Script=Han})([^\p{Script=Han}\s])/gu, "$1 $2")
    .replace(/([^\p{Script=Han}\s])(\p{Script=Han})/gu, "$1 $2");
  const kept = [], all = [];
  for (const chunk of q.split(/\s+/).filter(Boolean)) {
    let previous = -1;
    for (const w of HAN.test(chunk) ? words(chunk) : [chunk]) {
      all.push(w);
      if (lexicon.stop.has(w)) { previous = -1; continue; }
      if (previous >= 0 && w.length === 1 && HAN.test(w)) { kept[previous] += w; continue; }
      previous = kept.push(w) - 1;
    }
  }
  // 4. in a query of several words, a lone character says little and matches hundreds of
  //    words by prefix; stopwords are searched only when nothing else is left
  const significant = kept.filter(w => !(w.length === 1 && HAN.test(w)));
  const chosen = concepts.length || significant.length
    ? significant : kept.length ? kept : all;
  for (const w of chosen) add(w, [w]);
  return concepts;
}

const idf = (pages, df) => Math.log(1 + (pages - df + 0.5) / (df + 0.5));
// A phrase the handbook itself lists (keyword, term, colloquial word) says more about the page
// wanted than any other word of the sentence.
const PHRASE_WEIGHT = 2;

/**
 * Search every concept's alternatives with ``pagefind`` (an initialised Pagefind module) and
 * rank the pages: Σ concept scores × coverage², where coverage is the IDF-weighted share of
 * the query's concepts (those that match anything) that the page has.
 */
export async function rank(pagefind, concepts, pages) {
  const per = await Promise.all(concepts.map(async concept => {
    const hits = new Map();
    const found = await Promise.all(concept.alts.map(alt => pagefind.search(alt)));
    for (const answer of found)
      for (const result of answer?.results || [])
        if (!hits.has(result.id) || hits.get(result.id).score < result.score)
          hits.set(result.id, result);
    const weight = concept.phrase ? PHRASE_WEIGHT : 1;
    return { concept, hits, weight: hits.size ? weight * idf(pages, hits.size) : 0 };
  }));
  const total = per.reduce((sum, p) => sum + p.weight, 0) || 1;
  const byPage = new Map();
  for (const { concept, hits, weight } of per)
    for (const [id, result] of hits) {
      if (!byPage.has(id)) byPage.set(id, { id, result, sum: 0, covered: 0, matched: new Set() });
      const page = byPage.get(id);
      page.sum += result.score * (concept.phrase ? PHRASE_WEIGHT : 1);
      page.covered += weight;
      page.matched.add(concept.label);
    }
  const results = [...byPage.values()].map(page => {
    const coverage = page.covered / total;
    return {
      id: page.id,
      data: () => page.result.data(),
      score: page.sum * coverage * coverage,
      missing: per.filter(p => p.weight && !page.matched.has(p.concept.label))
        .map(p => p.concept.label),
    };
  });
  results.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  return { results, unknown: per.filter(p => !p.hits.size).map(p => p.concept.label) };
}
