/// The page's style sheet and script, written inline so that the page needs nothing else (no
/// fonts, no network). Neither contains `<` or `&`, so the page stays well-formed XML without
/// CDATA sections.
enum PageAssets {
    /// Light and dark palettes with text contrast of at least 4.5:1 (most 7:1), a serif text
    /// column of about 70 characters, page numbers in the left margin on wide screens and inline
    /// on narrow ones, the edit log as a second column (its own scroll) on wide screens and below
    /// the opinion on phones, and nothing wider than the screen at 360 px.
    static let style: StaticString = """
        :root {
          --bg: #fbfaf7; --fg: #1d1c1a; --muted: #5a564f; --rule: #d8d3c8; --panel: #f1eee6;
          --link: #0a4ea3; --focus: #c2410c; --cite-bg: #fbeec2; --cite-line: #9a7a12;
          --del-bg: #fbe3e1; --del-fg: #8a1c1c; --ins-bg: #ddf2e3; --ins-fg: #14532d;
          --pb: #8a4b00; --chip: #ffffff;
          --serif: Charter, "Bitstream Charter", "Sitka Text", Cambria, "Noto Serif", "DejaVu Serif", Georgia, serif;
          --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
          --mono: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace;
          color-scheme: light dark;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #161719; --fg: #e9e6df; --muted: #aaa59b; --rule: #3b3b3e; --panel: #1f2023;
            --link: #8ab4f8; --focus: #fdba74; --cite-bg: #3b3216; --cite-line: #d9b64c;
            --del-bg: #4a1e1e; --del-fg: #fecaca; --ins-bg: #163a25; --ins-fg: #bbf7d0;
            --pb: #f0b867; --chip: #2a2b2f;
          }
        }
        *, *::before, *::after { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { margin: 0; background: var(--bg); color: var(--fg); font: 1rem/1.55 var(--sans); overflow-wrap: break-word; }
        [hidden] { display: none !important; }
        a { color: var(--link); text-underline-offset: 0.15em; }
        :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px; }
        .skip { position: absolute; left: 0.5rem; top: -4rem; z-index: 10; padding: 0.5rem 1rem;
          background: var(--fg); color: var(--bg); font-weight: 600; }
        .skip:focus { top: 0.5rem; }
        .missing { color: var(--muted); font-style: italic; }

        header.case { background: var(--panel); border-bottom: 1px solid var(--rule); padding: 1.25rem 1rem 0.75rem; }
        .case-inner { max-width: 84rem; margin: 0 auto; }
        .kicker { margin: 0; color: var(--muted); font-size: 0.8125rem; letter-spacing: 0.04em; text-transform: uppercase; }
        h1 { font: 600 1.625rem/1.25 var(--serif); margin: 0.25rem 0 0.875rem; }
        .facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 0.5rem 1.5rem; margin: 0 0 0.75rem; }
        .facts > div { min-width: 0; }
        .facts dt { color: var(--muted); font-size: 0.75rem; letter-spacing: 0.05em; text-transform: uppercase; }
        .facts dd { margin: 0; }
        .facts.source { font-size: 0.875rem; }
        details.source { border-top: 1px solid var(--rule); padding-top: 0.5rem; }
        ul.plain { list-style: none; margin: 0; padding: 0; }
        .role, .event { color: var(--muted); font-size: 0.875rem; }
        .event { text-transform: capitalize; }
        code, .hash { font-family: var(--mono); font-size: 0.8125rem; }
        .hash { word-break: break-all; }
        details.metadata, details.source { margin: 0 0 0.75rem; font-size: 0.875rem; }
        details.metadata summary, details.source summary { cursor: pointer; color: var(--link); overflow-wrap: anywhere; }
        details.source[open] summary { margin-bottom: 0.25rem; }
        nav.contents ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; font-size: 0.9375rem; }

        .layout { display: grid; grid-template-columns: minmax(0, 1fr); max-width: 84rem; margin: 0 auto; }
        main { padding: 1rem 1rem 3rem; min-width: 0; }
        main:focus { outline: none; }
        .prose { font-family: var(--serif); font-size: 1.0625rem; line-height: 1.7; max-width: 42rem; }
        .opinion { position: relative; margin: 0 0 2.5rem; }
        .opinion + .opinion { border-top: 1px solid var(--rule); padding-top: 1.5rem; }
        .opinion h2 { font: 600 1.375rem/1.3 var(--serif); margin: 0.5rem 0 0.25rem; }
        .opinion h2 .author { font-weight: 400; color: var(--muted); }
        .byline { margin: 0 0 1.25rem; color: var(--muted); font-style: italic; }
        .opinion h3, .opinion h4, .opinion h5, .opinion h6 { font-family: var(--serif); line-height: 1.35; margin: 1.75rem 0 0.5rem; }
        .opinion h3 { font-size: 1.1875rem; }
        .opinion h4 { font-size: 1.0625rem; }
        .opinion h5, .opinion h6 { font-size: 1rem; font-style: italic; }
        .label { font-weight: 700; margin-right: 0.25em; }
        .opinion p { margin: 0 0 1rem; }
        blockquote { margin: 0 0 1rem 1.5rem; padding-left: 1rem; border-left: 3px solid var(--rule); }
        .section-break { text-align: center; margin: 1.5rem 0; }
        .section-break::before { content: "* * *"; letter-spacing: 0.5em; color: var(--muted); }
        .empty { color: var(--muted); font-style: italic; }

        cite.citation { font-style: inherit; background: var(--cite-bg); border-bottom: 1px solid var(--cite-line);
          border-radius: 2px; padding: 0 0.1em; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
        cite.citation[data-kind="id"], cite.citation[data-kind="supra"], cite.citation[data-kind="shortCase"] { background: transparent; }
        sup.fnref { line-height: 0; font-family: var(--sans); font-size: 0.75em; }
        sup.fnref a { text-decoration: none; padding: 0 0.15em; font-weight: 600; }
        sup.fnref .missing { font-style: normal; text-decoration: underline dotted; }
        .pb { white-space: nowrap; }
        .pb::before { content: "p.\\00a0" attr(data-page); font: 600 0.6875rem/1 var(--sans); color: var(--pb);
          border: 1px solid currentColor; border-radius: 0.25rem; padding: 0.1em 0.3em; margin: 0 0.2em; vertical-align: 0.15em; }
        :target { scroll-margin-top: 1rem; }
        .footnote:target, sup.fnref a:target { background: var(--cite-bg); }

        .footnotes { border-top: 1px solid var(--rule); margin-top: 2rem; font-size: 0.9375rem; line-height: 1.6; }
        .footnotes h3 { font: 600 0.8125rem/1.4 var(--sans); letter-spacing: 0.05em; text-transform: uppercase; color: var(--muted); margin: 1rem 0 0.5rem; }
        ol.notes { list-style: none; margin: 0; padding: 0; }
        .footnote { display: grid; grid-template-columns: 2rem minmax(0, 1fr); padding: 0.25rem 0; border-radius: 3px; }
        .note-label { font: 600 0.875rem/1.8 var(--sans); }
        .note-body p, .note-body blockquote { margin: 0 0 0.5rem; }
        .backlinks { font-family: var(--sans); font-size: 0.875rem; white-space: nowrap; }
        .backlinks a { text-decoration: none; padding: 0 0.25em; }
        .backlinks a + a { margin-left: 0.25em; }
        .unreferenced { color: var(--muted); font-size: 0.875rem; }

        aside.log { background: var(--panel); border-top: 1px solid var(--rule); padding: 1rem; min-width: 0; font-size: 0.875rem; }
        aside.log h2 { font: 600 1.125rem/1.3 var(--sans); margin: 0 0 0.25rem; }
        .hint { color: var(--muted); margin: 0 0 0.75rem; }
        .filter { border: 0; margin: 0 0 0.5rem; padding: 0; display: flex; flex-wrap: wrap; gap: 0.375rem; }
        .filter legend { padding: 0; margin-bottom: 0.375rem; font-weight: 600; }
        .filter label { display: inline-flex; align-items: center; gap: 0.375rem; padding: 0.25rem 0.625rem;
          border: 1px solid var(--rule); border-radius: 999px; background: var(--chip); cursor: pointer; }
        .filter label:has(input:checked) { border-color: var(--fg); box-shadow: inset 0 0 0 1px var(--fg); font-weight: 600; }
        .filter input { margin: 0; accent-color: var(--link); }
        .filter .n { color: var(--muted); font-variant-numeric: tabular-nums; }
        .count { font-weight: 600; margin: 0.5rem 0; }
        ol.edits, ol.warnings-list { list-style: none; margin: 0; padding: 0; }
        /* Blocks, not list items: Chromium recounts the numbers of every later list item when one is
           shown or hidden, which on a page of 18,000 edits took minutes for one filter change. */
        .edit, .warning { display: block; border-top: 1px solid var(--rule); padding: 0.5rem 0; }
        .edit-head { margin: 0; display: flex; flex-wrap: wrap; gap: 0 0.75rem; align-items: baseline; }
        .stage { font-weight: 700; }
        .pos, .conf { color: var(--muted); font-variant-numeric: tabular-nums; }
        .goto { margin-left: auto; }
        .opinion :target { background: var(--cite-bg); border-radius: 3px; }
        dl.change { margin: 0.25rem 0; display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 0.125rem 0.5rem; }
        dl.change > div { display: contents; }
        dl.change dt { color: var(--muted); font-size: 0.75rem; line-height: 1.7; }
        dl.change dd { margin: 0; min-width: 0; }
        del, ins, .alt { font-family: var(--mono); font-size: 0.8125rem; text-decoration: none; overflow-wrap: anywhere;
          border-radius: 2px; padding: 0 0.2em; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
        del { background: var(--del-bg); color: var(--del-fg); }
        ins { background: var(--ins-bg); color: var(--ins-fg); }
        .ws { font-weight: 700; }
        .ws.run { margin: 0 0.3em; padding: 0 0.2em; border: 1px dotted currentColor; border-radius: 2px; font-size: 0.75rem; }
        .reason { margin: 0.125rem 0 0; }

        @media (max-width: 40em) {
          h1 { font-size: 1.375rem; }
          .facts { grid-template-columns: minmax(0, 1fr); gap: 0.375rem; }
          .facts > div { display: grid; grid-template-columns: 6.5rem minmax(0, 1fr); gap: 0.75rem; align-items: baseline; }
          .facts dd, .facts.source { font-size: 0.875rem; }
          .facts.source dd { font-size: 0.8125rem; }
          .prose { font-size: 1rem; }
          blockquote { margin-left: 0.5rem; padding-left: 0.75rem; }
        }
        @media (min-width: 64em) {
          header.case { padding: 1.5rem 2rem 1rem; }
          .layout { grid-template-columns: minmax(0, 1fr) minmax(20rem, 27rem); }
          main { padding: 1.5rem 2rem 4rem 6rem; }
          aside.log { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow-y: auto;
            border-top: 0; border-left: 1px solid var(--rule); }
          /* In the margin, on the line where the page begins; a thin rule marks the place in the text. */
          .pb { border-left: 1px solid var(--pb); margin: 0 1px; }
          .pb::before { position: absolute; left: -5rem; width: 4rem; margin: 0; text-align: right;
            border: 0; padding: 0.8em 0 0; font-size: 0.75rem; vertical-align: baseline; }
          .footnotes .pb::before { padding-top: 0.6em; }
        }
        @media print {
          aside.log, nav.contents, .skip { display: none; }
          .layout { display: block; }
        }
        """

    /// The stage filter: shows the edits of the chosen stage (or all) and says how many are shown
    /// in the live region; and on a phone, the source's details folded. The filter writes one
    /// style rule rather than touching each row, so a change is one style pass however many
    /// edits there are. Written so that it has neither `<` nor `&`.
    static let script: StaticString = """
        (function () {
          "use strict";
          var filter = document.getElementById("stage-filter");
          var list = document.getElementById("edit-list");
          var count = document.getElementById("edit-count");
          if (!filter || !list || !count) { return; }
          var rows = list.children;
          var total = rows.length;
          var rule = document.createElement("style");
          document.head.appendChild(rule);
          function show(stage) {
            var shown = 0;
            for (var i = 0; i !== total; i += 1) {
              if (stage === "" || rows[i].getAttribute("data-stage") === stage) { shown += 1; }
            }
            rule.textContent = stage === "" ? "" :
              "#edit-list > li:not([data-stage=\\"" + CSS.escape(stage) + "\\"]) { display: none; }";
            count.textContent = shown + " of " + total + " edit" + (total === 1 ? "" : "s") + " shown" +
              (stage === "" ? "" : " (stage " + stage + ")");
          }
          filter.addEventListener("change", function (event) {
            var input = event.target;
            if (input.name === "stage") { show(input.value); }
          });
          filter.hidden = false;
        })();
        (function () {
          "use strict";
          var source = document.querySelector("details.source");
          if (source) { source.open = !window.matchMedia("(max-width: 40em)").matches; }
        })();
        """
}
