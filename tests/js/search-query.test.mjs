// The header search's query analysis and ranking (docs/assets/javascripts/handbook-search-query.js)
// with the lexicon the bundled playbooks generate (tests/test_search_query_js.py writes it and
// passes the file in the LEXICON variable).
//
//   LEXICON=/path/to/search-lexicon.json node --test tests/js/search-query.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  analyse, bundle, indexTerm, prepareLexicon, rank,
} from "../../docs/assets/javascripts/handbook-search-query.js";

// `node --test tests/js/` (tests/test_calculator_js.py) runs every file without a lexicon: then
// these tests skip, as the triage vectors do; tests/test_search_query_js.py runs them with one.
const file = process.env.LEXICON;
const SKIP = file ? false : "set LEXICON to the JSON file tests/test_search_query_js.py writes (run that test)";
const lexicon = file ? prepareLexicon(JSON.parse(readFileSync(file, "utf8"))) : null;
const labels = query => analyse(query, lexicon).map(c => c.label);
const concept = (query, label) => analyse(query, lexicon).find(c => c.label === label);

test("a colloquial word is searched as itself and, counting more, as its term", { skip: SKIP }, () => {
  const scold = concept("骂人", "骂人");
  assert.deepEqual(scold.alts.slice(0, 2), ["骂人", "辱骂"]);
  assert.ok(scold.weights.get("辱骂") > scold.weights.get("骂人"));
  assert.deepEqual(concept("客户说要去消协", "消协").alts.slice(0, 2), ["消协", "消费者协会"]);
});

test("the last word of a query is never dropped", { skip: SKIP }, () => {
  assert.deepEqual(labels("受伤"), ["受伤"]);
  assert.ok(labels("客户说他被你们的热水器烫伤了").includes("烫伤"));
  assert.ok(labels("热水器烫伤").includes("烫伤"));
  assert.ok(labels("热水器漏水").includes("漏水"));
});

test("a whole sentence keeps its significant words and drops the rest", { skip: SKIP }, () => {
  const found = labels("客户情绪激动一直骂人怎么办");
  assert.ok(found.includes("情绪激动"), found);
  assert.ok(found.includes("骂人"), found);
  for (const stop of ["客户", "一直", "怎么办", "怎么"]) assert.ok(!found.includes(stop), found);
});

test("digits stand apart from Chinese, full-width digits too", { skip: SKIP }, () => {
  assert.deepEqual(labels("24小时"), labels("24 小时"));
  assert.deepEqual(labels("２４小时"), labels("24小时"));
  assert.ok(labels("客户说要打12315").includes("12315"));
});

test("a time limit is one concept: its number and unit are asked for together", { skip: SKIP }, () => {
  assert.deepEqual(concept("24小时", "24小时").alts, ["24 小时"]);
  assert.deepEqual(labels("超过48 小时没人回"), labels("超过48小时没人回"));
  assert.deepEqual(concept("说好3个工作日退款", "3工作日").alts, ["3 工作日"]);
  assert.ok(labels("说好3个工作日退款").includes("退款"));
  assert.deepEqual(labels("12315"), ["12315"]);  // a number alone stays a word
});

test("known phrases are found with stopwords in between", { skip: SKIP }, () => {
  const boss = concept("客户非要找你们领导", "找领导");
  assert.ok(boss, labels("客户非要找你们领导"));
  assert.ok(boss.alts.includes("升级"));
  assert.ok(concept("哪些话不能跟客户说", "不能说").alts.includes("禁用语"));
});

test("an input-method slip is read as the phrase that sounds the same", { skip: SKIP }, () => {
  assert.equal(concept("退宽", "退宽").corrected, "退款");
  assert.equal(concept("热水器漏点了", "漏点").corrected, "漏电");
  assert.equal(concept("起伙了", "起伙").corrected, "起火");
  assert.ok(concept("退宽", "退宽").alts.includes("退款"));
});

test("pinyin typed with the input method off is read too", { skip: SKIP }, () => {
  assert.equal(concept("tuikuan", "tuikuan").corrected, "退款");
  assert.equal(concept("loudian", "loudian").corrected, "漏电");
  assert.deepEqual(labels("app"), ["app"]);
});

test("real words are not taken for slips", { skip: SKIP }, () => {
  for (const query of ["什么时候发货", "洗衣机冒烟了", "手上起了水泡", "意见有分歧"])
    assert.ok(analyse(query, lexicon).every(c => !c.corrected), `${query}: ${JSON.stringify(analyse(query, lexicon))}`);
});

test("a phrase is asked for in the words the index cut it into", { skip: SKIP }, () => {
  assert.equal(indexTerm("消费者协会", lexicon.split), "消费 者 协会");
  assert.equal(indexTerm("严重程度", lexicon.split), "严重 程度");
  assert.equal(indexTerm("次品", lexicon.split), "次品");
  assert.equal(indexTerm("12315", lexicon.split), "12315");
});

test("another word the dictionary can only cut into characters is asked for whole", { skip: SKIP }, () => {
  for (const word of ["漏点", "退宽"]) {
    const asked = indexTerm(word);
    assert.ok(!asked.split(" ").some(p => p.length === 1), `${word} → ${asked}`);
  }
});

// A fake Pagefind: every term maps to {page: [score, positions]}.
function fakeIndex(postings, pages = 20) {
  const search = async term => ({
    results: Object.entries(postings[term] || {}).map(([id, [score, words]]) => ({
      id, score, words, data: async () => ({ url: `/${id}/` }),
    })),
  });
  return bundle({ search, preload: async () => {} }, pages);
}

test("a page with more of the words, close together, ranks above one with a single word", { skip: SKIP }, async () => {
  const index = fakeIndex({
    热水器: { both: [1, [100]], heater: [3, [5]] },
    烫伤: { both: [1, [103]], burn: [6, [7, 900]] },
  });
  const concepts = [
    { label: "热水器", alts: ["热水器"], weights: new Map([["热水器", 1]]), phrase: false },
    { label: "烫伤", alts: ["烫伤"], weights: new Map([["烫伤", 1]]), phrase: false },
  ];
  const { results } = await rank(index, concepts);
  assert.equal(results[0].id, "both");
  assert.deepEqual(results.find(r => r.id === "burn").missing, ["热水器"]);
  assert.deepEqual(results[0].missing, []);
});

test("pages that have only some of the words still rank", { skip: SKIP }, async () => {
  const index = fakeIndex({ 烫伤: { safety: [5, [1]] } });
  const concepts = analyse("热水器烫伤了没法洗澡", lexicon);
  const { results } = await rank(index, concepts);
  assert.deepEqual(results.map(r => r.id), ["safety"]);
});

test("the words found close together count more than the same words far apart", { skip: SKIP }, async () => {
  const near = { 媒体: { near: [1, [10]], far: [1, [10]] }, 曝光: { near: [1, [11]], far: [1, [800]] } };
  const concepts = ["媒体", "曝光"].map(w => ({ label: w, alts: [w], weights: new Map([[w, 1]]), phrase: false }));
  const { results } = await rank(fakeIndex(near), concepts);
  assert.equal(results[0].id, "near");
  assert.ok(results[0].score > results[1].score);
});
