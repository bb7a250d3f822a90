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
// a number and a unit of time: 24小时, 24 小时, 3个工作日, 15 分钟 (个 is dropped: the limits
// say 3 个工作日 and 3 工作日 alike)
const DURATION = /(\d+(?:\.\d+)?)\s*(?:个\s*)?(工作日|小时|分钟|天|日|周|月|年)/gu;

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
    split: new Map(Object.entries(json.split || {})),
    keywords: new Set(json.keywords || []),
    whole: new Set(json.whole || []),
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

// The pieces [from, to) that spell ``phrase`` when stopwords between its parts are skipped.
function spread(pieces, phrase, stop) {
  for (let from = 0; from < pieces.length; from++) {
    let rest = phrase, at = from;
    while (rest && at < pieces.length) {
      const piece = pieces[at];
      if (rest.startsWith(piece)) rest = rest.slice(piece.length);
      else if (rest === phrase || !stop.has(piece)) break;
      at++;
    }
    if (!rest && at - from > 1) return [from, at];
  }
  return null;
}

// How much an alternative counts next to the concept's best one: the words the customer used
// are searched too, but a page with the handbook's term is the better answer.
const SAID = 0.5;       // a colloquial word as typed (骂人 next to its term 辱骂)
const SLIP = 0.25;      // a typo as typed (退宽 next to 退款)
const SHORTER = 0.5;    // the first two characters of a three-character word (节假 for 节假日)

// The alternatives of a lexicon phrase with their weights: itself, and its term if it is a
// colloquial word.
function phraseAlts(lexicon, phrase) {
  const [itself, ...terms] = lexicon.phrases.get(phrase);
  return [[itself, terms.length ? SAID : 1], ...terms.map(t => [t, 1])];
}

/**
 * Query → concepts: [{label, alts, weights, phrase, keyword, corrected}]. alts are searched
 * with OR, each counting with its weight; label is what the user typed (shown as missing when
 * nothing has it); phrase and keyword say the lexicon knows it (keyword: a category's);
 * corrected is the phrase a typo was read as.
 */
export function analyse(raw, lexicon) {
  let q = raw.normalize("NFKC").toLowerCase();
  const concepts = [];
  const add = (label, weighted, extra = {}) => {
    if (concepts.some(c => c.label === label)) return;
    const weights = new Map();
    for (const [alt, weight] of weighted)
      weights.set(String(alt), Math.max(weight, weights.get(String(alt)) || 0));
    const keyword = [...weights.keys()].some(alt => lexicon.keywords.has(alt));
    concepts.push({ label, alts: [...weights.keys()], weights, phrase: false, keyword, ...extra });
  };
  // 0. a time limit (24小时, 3 个工作日) is one thing asked for: its number and unit are
  //    searched together (one search: pages with both), not as two words every page has
  q = q.replace(DURATION, (_, number, unit) => {
    add(`${number}${unit}`, [[`${number} ${unit}`, 1]]);
    return " ";
  });
  // 1. known phrases, longest first (keywords, terms, colloquial words, names), also with
  //    stopwords in between (找你们领导 has 找领导, 不能跟客户说 has 不能说)
  for (const phrase of lexicon.byLength) {
    if (q.includes(phrase)) {
      add(phrase, phraseAlts(lexicon, phrase), { phrase: true });
      q = q.split(phrase).join(" ");
    }
  }
  q = q.replace(HAN_RUN, run => {
    const pieces = words(run);
    for (const phrase of lexicon.byLength) {
      const span = spread(pieces, phrase, lexicon.stop);
      if (!span) continue;
      add(phrase, phraseAlts(lexicon, phrase), { phrase: true });
      pieces.splice(span[0], span[1] - span[0], " ");
    }
    return pieces.join("");
  });
  // 2. sound-alike typos of known phrases, and pinyin typed as letters
  q = q.replace(HAN_RUN, run => {
    let rest = run, typo;
    while ((typo = findTypo(rest, lexicon))) {
      const alts = phraseAlts(lexicon, typo.phrase);
      add(typo.text, [[typo.text, SLIP], ...alts], { phrase: true, corrected: typo.phrase });
      rest = rest.replace(typo.text, " ");
    }
    return rest;
  });
  q = q.replace(LATIN_RUN, run => {
    const phrase = run.length >= 4 ? lexicon.spelled.get(run) : undefined;
    if (!phrase) return run;
    add(run, phraseAlts(lexicon, phrase), { phrase: true, corrected: phrase });
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
  for (const w of chosen) add(w, [[w, 1]]);
  // The index was cut by another dictionary: 节假日 may be stored as 节假|日 on one page and
  // whole on another, and Pagefind matches the start of stored words; so a three-character
  // word is also asked for by its first two characters.
  for (const concept of concepts)
    for (const alt of [...concept.alts]) {
      const chars = [...alt];
      if (chars.length === 3 && chars.every(c => HAN.test(c))) {
        const shorter = chars[0] + chars[1];
        const weight = concept.weights.get(alt) * SHORTER;
        if (!concept.weights.has(shorter)) concept.alts.push(shorter);
        concept.weights.set(shorter, Math.max(weight, concept.weights.get(shorter) || 0));
      }
    }
  return concepts;
}

const idf = (pages, df) => Math.log(1 + (pages - df + 0.5) / (df + 0.5));
// A phrase the handbook itself lists (term, colloquial word, a name) says more about the page
// wanted than any other word of the sentence; a category's keyword (or a colloquial word for
// one) says the most: compliance listed it to recognise that category.
const PHRASE_WEIGHT = 2;
const KEYWORD_WEIGHT = 4;
// Words of the query found within this many words of each other on a page: the page talks
// about the situation the sentence describes, not just about each word somewhere.
const NEARBY = 40;

// The largest weight of distinct concepts found together within NEARBY words on the page.
function nearby(places, weights) {
  places.sort((a, b) => a[0] - b[0]);
  const inside = new Map();
  let best = 0, sum = 0, from = 0;
  for (const [position, concept] of places) {
    inside.set(concept, (inside.get(concept) || 0) + 1);
    if (inside.get(concept) === 1) sum += weights[concept];
    while (position - places[from][0] > NEARBY) {
      const left = places[from++][1];
      inside.set(left, inside.get(left) - 1);
      if (inside.get(left) === 0) sum -= weights[left];
    }
    best = Math.max(best, sum);
  }
  return best;
}

/**
 * How to ask the index for one alternative. Pagefind splits what it gets on spaces, ANDs the
 * parts and matches each as the start of an indexed word. A phrase of the lexicon is asked for
 * in the words the index itself cut it into (消费者协会 → 消费 者 协会, found at build time).
 * Another word is cut by the browser's dictionary, unless that leaves single characters
 * (次品 → 次 品: a word the dictionary does not know), which would match almost anything: then
 * it is asked for whole, and Pagefind falls back to the longest indexed word it starts with.
 */
export function indexTerm(alt, split = new Map()) {
  if (split.has(alt)) return split.get(alt);  // the index's own words, from the build
  if (!HAN.test(alt)) return alt;
  const pieces = words(alt);
  return pieces.some(p => [...p].length === 1 && HAN.test(p)) ? alt : pieces.join(" ");
}

// Every query for one alternative: its index words, and the whole phrase when it begins a
// title or keyword (Pagefind keeps those whole: 话术 is 话|术 in the text, 话术库 as a title).
function indexQueries(alt, split, whole) {
  const asked = indexTerm(alt, split);
  return whole.has(alt) && asked !== alt ? [asked, alt] : [asked];
}

// One answer from several: per page the best score, and every matched position.
function merge(answers) {
  const byPage = new Map();
  for (const answer of answers)
    for (const result of answer?.results || []) {
      const seen = byPage.get(result.id);
      if (!seen) byPage.set(result.id, { ...result, words: [...(result.words || [])] });
      else {
        seen.words.push(...(result.words || []));
        if (result.score > seen.score) Object.assign(seen, { score: result.score, data: result.data });
      }
    }
  return { results: [...byPage.values()] };
}

/** One Pagefind bundle (an initialised module) and its number of pages. */
export function bundle(pagefind, pages, lexicon = { split: new Map(), whole: new Set() }) {
  const ask = term => Promise.all(indexQueries(term, lexicon.split, lexicon.whole)
    .map(query => pagefind.search(query))).then(merge);
  return {
    pages,
    searchAll: terms => Promise.all(terms.map(ask)),
    // a word no page has: the engine's first pass (waiting for its start, fetching and
    // reading one small index chunk) is over before the staff member's first search
    warm: () => pagefind.preload("㐀"),
  };
}

/**
 * Search every concept's alternatives in ``index`` (a bundle()) and rank the pages by
 * Σ concept scores × coverage² × (1 + togetherness): coverage is the IDF-weighted share of
 * the query's concepts (those that match anything) the page has, togetherness the share found
 * close together in one passage.
 */
export async function rank(index, concepts) {
  const pages = index.pages;
  const terms = [...new Set(concepts.flatMap(c => c.alts))];
  const answers = new Map((await index.searchAll(terms)).map((answer, i) => [terms[i], answer]));
  const per = concepts.map(concept => {
    const hits = new Map();
    for (const alt of concept.alts) {
      const answer = answers.get(alt);
      // relative to the alternative's best page: a rare colloquial word (记者) must not
      // outweigh the handbook's own term (媒体) just because fewer pages have it
      const best = Math.max(...(answer?.results || []).map(r => r.score), 1e-9);
      for (const result of answer?.results || []) {
        const score = (result.score / best) * concept.weights.get(alt);
        const hit = hits.get(result.id);
        if (!hit) hits.set(result.id, { result, score, places: new Set(result.words || []) });
        else {
          for (const w of result.words || []) hit.places.add(w);
          hit.score = Math.max(hit.score, score);
        }
      }
    }
    const boost = concept.keyword ? KEYWORD_WEIGHT : concept.phrase ? PHRASE_WEIGHT : 1;
    return { concept, hits, boost, weight: hits.size ? boost * idf(pages, hits.size) : 0 };
  });
  const total = per.reduce((sum, p) => sum + p.weight, 0) || 1;
  const weights = per.map(p => p.weight);
  const byPage = new Map();
  per.forEach(({ hits, weight }, index) => {
    for (const [id, { result, score, places }] of hits) {
      if (!byPage.has(id))
        byPage.set(id, { id, result, best: -1, sum: 0, covered: 0, matched: new Set(), places: [] });
      const page = byPage.get(id);
      // the excerpt comes from the concept that counts most on this page
      if (score * weight > page.best) Object.assign(page, { result, best: score * weight });
      page.sum += score * weight;
      page.covered += weight;
      page.matched.add(index);
      for (const place of places) page.places.push([place, index]);
    }
  });
  const results = [...byPage.values()].map(page => {
    const coverage = page.covered / total;
    const together = page.matched.size > 1 ? nearby(page.places, weights) / total : coverage;
    return {
      id: page.id,
      data: () => page.result.data(),
      score: page.sum * coverage * coverage * (1 + together),
      missing: per.filter((p, i) => !page.matched.has(i)).map(p => p.concept.label),
    };
  });
  results.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  return { results, unknown: per.filter(p => !p.hits.size).map(p => p.concept.label) };
}
