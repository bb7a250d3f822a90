// The header search box: Material's own markup (checker/site/theme/partials/search.html) and
// keyboard shortcuts, answered by Pagefind with the handbook's query analysis
// (handbook-search-query.js). Loaded as a module; nothing leaves the site's own server.
//
// Staff pages are searched first and shown first; pages for authors and reviewers (rules,
// change log, guides) live in their own index and are listed after them, under a heading.

import { analyse, bundle, prepareLexicon, rank } from "./handbook-search-query.js";

const root = document.querySelector("[data-handbook-search]");
const input = root?.querySelector("[data-handbook-search-query]");
const output = root?.querySelector("[data-handbook-search-result]");
const toggle = document.getElementById("__search");
const config = JSON.parse(document.getElementById("__config")?.textContent || "{}");
const base = new URL((config.base || ".").replace(/\/?$/, "/"), location.href);
const meta = output?.querySelector(".md-search-result__meta");
const list = output?.querySelector(".md-search-result__list");
const translate = (key, n) => (config.translations?.[key] || key).replace("#", n);
const SHOWN = 10;
const REFERENCE_SHOWN = 5;

/* ---- engines ---------------------------------------------------------------------------- */

async function loadBundle(folder) {
  const url = new URL(`${folder}/`, base);
  const [pagefind, entry, known] = await Promise.all([
    import(new URL("pagefind.js", url).href),
    fetch(new URL("pagefind-entry.json", url)).then(r => r.json()),
    loadLexicon(),
  ]);
  const language = Object.values(entry.languages || {})[0] || {};
  // noWorker: the wasm runs on the page (one file less, no worker start-up); metaCacheTag
  // lets the browser cache the entry file instead of fetching it again with ?ts=.
  await pagefind.options({
    baseUrl: base.pathname, excerptLength: 36, noWorker: true,
    metaCacheTag: language.hash || "", ranking: { metaWeights: { title: 5, keywords: 4 } },
  });
  // Pagefind cuts a query into words with the browser's dictionary when the page's language is
  // Chinese, and that dictionary does not know the handbook's words: 次品 becomes 次 AND 品 and
  // finds the wrong pages. The analysis here already cut the query (known phrases kept whole),
  // so Pagefind is started while the page's lang attribute names no language; it reads the
  // attribute once, when it starts, and uses the same index.
  const html = document.documentElement;
  const lang = html.getAttribute("lang");
  html.setAttribute("lang", "zxx");
  const started = pagefind.init();
  if (lang === null) html.removeAttribute("lang");
  else html.setAttribute("lang", lang);
  await started;
  return bundle(pagefind, language.page_count || 1, known);
}

let staff = null, reference = null, lexicon = null;
const loadLexicon = () => (lexicon ??= fetch(new URL("assets/search-lexicon.json", base))
  .then(r => r.json()).then(prepareLexicon));
const loadStaff = () => (staff ??= loadBundle("pagefind"));
const loadReference = () => (reference ??= loadBundle("pagefind-reference"));

/* ---- rendering: Material's search result markup ------------------------------------------- */

const escape = s => String(s).replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

function article(url, title, excerpt, score, heading, extra = "") {
  return `<a href="${escape(url)}" class="md-search-result__link" tabindex="-1">` +
    `<article class="md-search-result__article md-typeset" data-md-score="${score}">` +
    (heading === "h1" ? `<div class="md-search-result__icon md-icon"></div>` : "") +
    `<${heading}>${escape(title)}</${heading}><p>${excerpt}</p>${extra}</article></a>`;
}

async function item(result) {
  const data = await result.data();
  const title = data.meta?.title || data.url;
  const missing = result.missing.length
    ? `<p class="md-search-result__terms">${escape(translate("search.result.term.missing"))}: ` +
      result.missing.map(w => `<del>${escape(w)}</del>`).join(" ") + "</p>"
    : "";
  // the page's best two sections, by the number of matches in them (excerpts are Pagefind's,
  // HTML-escaped text with <mark>)
  const sections = (data.sub_results || [])
    .filter(s => s.url.includes("#") && s.title !== title && s.excerpt !== data.excerpt)
    .sort((a, b) => (b.locations?.length || 0) - (a.locations?.length || 0))
    .slice(0, 2);
  const li = document.createElement("li");
  li.className = "md-search-result__item";
  li.innerHTML = article(data.url, title, data.excerpt, result.score.toFixed(2), "h1", missing) +
    sections.map(s => article(s.url, s.title, s.excerpt, 0, "h2")).join("");
  return li;
}

function heading(text) {
  const li = document.createElement("li");
  li.className = "handbook-search__scope";  // not a result item: Material's keys skip it
  li.textContent = text;
  return li;
}

function summary(count, concepts) {
  const found = count === 0 ? translate("search.result.none")
    : count === 1 ? translate("search.result.one") : translate("search.result.other", count);
  const read = concepts.filter(c => c.corrected)
    .map(c => `「${c.label}」按「${c.corrected}」查找`);
  return read.length ? `${found}（${read.join("，")}）` : found;
}

let sequence = 0;

async function run(value) {
  try {
    await answer(value);
  } catch (error) {  // e.g. the index was not built: say so instead of showing nothing
    meta.textContent = `搜索暂时不可用（${error?.message || error}）。请刷新页面；仍不行时请告知手册维护人。`;
    throw error;
  }
}

async function answer(value) {
  const mine = ++sequence;
  const current = () => mine === sequence;
  if (!value.trim()) {
    meta.textContent = translate("search.result.placeholder");
    list.replaceChildren();
    return;
  }
  const [engine, known] = await Promise.all([loadStaff(), loadLexicon()]);
  if (!current()) return;
  const concepts = analyse(value, known);
  const { results } = await rank(engine, concepts);
  if (!current()) return;
  // the first result as soon as its fragment is in, then the others: asked for together, the
  // ten fragments share the connection and the main thread, and the first waits for the rest
  const top = results.slice(0, SHOWN);
  const first = top.length ? await item(top[0]) : null;
  if (!current()) return;
  meta.textContent = summary(results.length, concepts);
  list.replaceChildren(...(first ? [first] : []));
  const rest = await Promise.all(top.slice(1).map(item));
  if (!current()) return;
  list.append(...rest);
  const reference = await loadReference().then(r => rank(r, concepts));
  const more = await Promise.all(reference.results.slice(0, REFERENCE_SHOWN).map(item));
  if (!current()) return;
  if (more.length) {
    list.append(heading(`编写与审阅资料（${reference.results.length}）`), ...more);
    meta.textContent = summary(results.length + reference.results.length, concepts);
  }
  root.dataset.searched = value;  // lets a test know this query's answer is complete
}

/* ---- the box and Material's keyboard shortcuts -------------------------------------------- */

const setOpen = open => { if (toggle.checked !== open) toggle.click(); };  // fires "change"
const typing = el => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

if (root && input && toggle && list) {
  let composing = false;
  input.addEventListener("focus", () => { setOpen(true); loadStaff(); loadLexicon(); });
  input.addEventListener("compositionstart", () => { composing = true; });
  input.addEventListener("compositionend", () => { composing = false; run(input.value); });
  input.addEventListener("input", () => { if (!composing) run(input.value); });
  input.form.addEventListener("reset", () => setTimeout(() => { run(""); input.focus(); }));
  input.form.addEventListener("submit", event => event.preventDefault());
  // the header's search icon (the only way in on a phone) toggles the box open: focus it then
  // (focusing from the icon's click would run before the toggle and close it again)
  toggle.addEventListener("change", () => { if (toggle.checked) input.focus(); });
  root.addEventListener("click", event => { if (event.target.closest?.("a")) setOpen(false); });

  window.addEventListener("keydown", event => {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    const active = document.activeElement;
    if (!toggle.checked) {  // like Material: / s f open the search unless the user is typing
      if (typing(active) || !["/", "s", "f"].includes(event.key)) return;
      event.preventDefault();
      event.stopPropagation();
      setOpen(true);
      input.focus();
      input.select();
      return;
    }
    switch (event.key) {
      case "Enter":
        if (active === input) {
          event.preventDefault();
          list.querySelector("a[href]")?.click();
        }
        break;
      case "Escape":
      case "Tab":
        setOpen(false);
        input.blur();
        break;
      case "ArrowUp":
      case "ArrowDown": {
        const stops = [input, ...list.querySelectorAll("a[href]")];
        const at = Math.max(0, stops.indexOf(active));
        stops[(at + stops.length + (event.key === "ArrowUp" ? -1 : 1)) % stops.length].focus();
        event.preventDefault();
        break;
      }
      default:
        if (active !== input && event.key.length === 1) input.focus();
    }
  });

  // The engine (about 170 KiB with the lexicon, then in the browser's cache) starts loading
  // with the page: on a live call the first search must not wait for the WebAssembly to be
  // fetched, compiled and given the index's metadata (about 150 ms). Module scripts run after
  // the page is parsed, and these requests do not hold up its load event.
  // warm(): the engine's first pass on a word no page has, done before the staff member's first
  // search, makes that search about 60 ms faster (231 ms median to the first result against
  // 297 ms without it, measured side by side)
  loadStaff().then(engine => engine.warm()).catch(() => {});  // a failure shows when searching
  loadLexicon().catch(() => {});

  const query = new URLSearchParams(location.search).get("q");  // a link can open a search
  if (query) {
    setOpen(true);
    input.value = query;
    input.focus();
    run(query);
  }
}
