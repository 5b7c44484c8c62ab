#!/usr/bin/env python3
"""Checks `clerk review` pages in a real browser (headless Chromium driven by Selenium).

    python3 scripts/checks/review-browser-check.py PAGES_DIR JSON_DIR --screenshots DIR

For every NAME.html under PAGES_DIR, NAME.json under JSON_DIR (what `clerk convert` wrote for
the same input) is the reference. In the page's live DOM it checks:

- every in-page link (`href="#..."`: footnote references, back links, contents) resolves to an
  element, and there are as many footnote references (links, and plain text where the note is
  missing) as the JSON has `footnoteRefs`;
- the page markers (`.pb`) are as many as the JSON's page breaks, in the blocks and footnotes of
  every opinion;
- the edit rows are as many as the JSON's `edits`; choosing a stage in the filter leaves exactly
  that stage's edits visible and the live region says how many; "all stages" shows them all again;
- the page loads nothing (no resource entries, no `src`, no link out of the page) and logs no error;
- landmarks and labels: one `h1`, `header`, `main`, `aside`, `lang`, a label for every control;
- at 360 px wide (a phone, emulated) nothing is wider than the screen (no horizontal scrolling);

and saves screenshots at desktop and phone width into DIR (their paths are printed).

Needs Debian's `chromium` and `chromium-driver` and Python `selenium` (scripts/setup installs
them); Selenium is pointed at /usr/bin/chromium and /usr/bin/chromedriver (or $CHROMIUM and
$CHROMEDRIVER), so it never downloads a browser or a driver. Exit status: 0 all checks pass,
1 a check failed (each is listed), 2 a tool is missing or the arguments are wrong.
"""

import argparse
import json
import os
import pathlib
import sys

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
WIDE = (1440, 1000)
PHONE = (360, 780)


def fail_setup(message):
    print(f"review-browser-check: {message}; run scripts/setup (it installs chromium, chromium-driver "
          f"and Python selenium)", file=sys.stderr)
    sys.exit(2)


def browser():
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        fail_setup("Python selenium is not installed")
    for path, name in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromedriver")):
        if not os.access(path, os.X_OK):
            fail_setup(f"{name} is not installed at {path}")
    # Selenium Manager must never fetch anything: the browser and the driver are given.
    os.environ.setdefault("SE_OFFLINE", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--hide-scrollbars",
                     f"--window-size={WIDE[0]},{WIDE[1]}", "--force-color-profile=srgb", "--lang=en-US"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def reference_counts(document):
    """Page breaks, footnote references and edits per stage, from the converted JSON."""
    page_breaks = footnote_refs = 0
    for opinion in document["opinions"]:
        blocks = list(opinion["blocks"])
        for note in opinion["footnotes"]:
            blocks += note["blocks"]
        for block in blocks:
            page_breaks += len(block.get("pageBreaks", []))
            footnote_refs += len(block.get("footnoteRefs", []))
    stages = {}
    for edit in document["edits"]:
        stages[edit["stage"]] = stages.get(edit["stage"], 0) + 1
    return page_breaks, footnote_refs, stages


def set_viewport(driver, size, mobile):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": size[0], "height": size[1], "deviceScaleFactor": 2 if mobile else 1, "mobile": mobile})


def screenshot(driver, path):
    driver.save_screenshot(str(path))
    print(f"screenshot: {path}")


def check_page(driver, page, document, shots):
    problems = []
    name = page.stem

    def expect(condition, message):
        if not condition:
            problems.append(f"{page.name}: {message}")

    set_viewport(driver, WIDE, mobile=False)
    driver.get(page.resolve().as_uri())
    js = driver.execute_script
    page_breaks, footnote_refs, stages = reference_counts(document)

    # Links inside the page resolve; footnote links both ways.
    dead = js("""return Array.from(document.querySelectorAll('a[href^="#"]'))
                 .map(a => a.getAttribute('href').slice(1))
                 .filter(id => !document.getElementById(decodeURIComponent(id)));""")
    expect(not dead, f"{len(dead)} in-page link(s) lead nowhere: {dead[:5]}")
    refs = js("return document.querySelectorAll('a[role=\"doc-noteref\"]').length;")
    missing = js("return document.querySelectorAll('sup.fnref .missing').length;")
    expect(refs + missing == footnote_refs,
           f"{refs} footnote links and {missing} unmatched references, the JSON has {footnote_refs} footnote references")
    unanswered = js("""const back = new Set(Array.from(document.querySelectorAll('a[role="doc-backlink"]'))
                                        .map(a => a.getAttribute('href').slice(1)));
                       return Array.from(document.querySelectorAll('a[role="doc-noteref"]'))
                           .filter(a => !back.has(a.id)).map(a => a.id);""")
    expect(not unanswered, f"footnote references without a back link from their note: {unanswered[:5]}")
    notes = js("return document.querySelectorAll('li.footnote').length;")
    json_notes = sum(len(opinion["footnotes"]) for opinion in document["opinions"])
    expect(notes == json_notes, f"{notes} footnotes on the page, the JSON has {json_notes}")

    # Page markers.
    markers = js("return document.querySelectorAll('.pb[data-page]').length;")
    expect(markers == page_breaks, f"{markers} page markers, the JSON has {page_breaks} page breaks")

    # Edit rows and the stage filter.
    total = len(document["edits"])
    rows = js("return document.querySelectorAll('#edit-list > li.edit').length;")
    expect(rows == total, f"{rows} edit rows, the JSON has {total} edits")
    # Counted in the page: one round trip, whatever the number of rows.
    visible_rows = """const shown = Array.from(document.querySelectorAll('#edit-list > li.edit')).filter(r => r.offsetParent !== null);
                      return {count: shown.length, stages: Array.from(new Set(shown.map(r => r.getAttribute('data-stage'))))};"""
    if total:
        expect(js("return !document.getElementById('stage-filter').hidden;"), "the stage filter is hidden although scripts run")
    for stage, count in stages.items():
        radio = js("return Array.from(document.querySelectorAll('input[name=stage]')).find(i => i.value === arguments[0]);", stage)
        if radio is None:
            expect(False, f"no filter control for stage {stage}")
            continue
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", radio)
        radio.click()
        shown = js(visible_rows)
        expect(shown["count"] == count and set(shown["stages"]) <= {stage},
               f"filter {stage}: {shown['count']} rows visible (stages {sorted(shown['stages'])}), the JSON has {count}")
        live = js("return document.getElementById('edit-count').textContent;")
        expect(live.startswith(f"{count} of {total} "), f"filter {stage}: the live count says {live!r}, expected {count} of {total}")
    if total:
        js("document.querySelector('input[name=stage][value=\"\"]').click();")
        expect(js(visible_rows)["count"] == total, "choosing all stages again does not show every edit")
    live_attribute = js("return document.getElementById('edit-count').getAttribute('aria-live');")
    expect(live_attribute in ("polite", "assertive"), "the edit count is not in an aria-live region")

    # Nothing loaded, nothing linked outside the page, no error logged.
    resources = js("return performance.getEntriesByType('resource').map(r => r.name);")
    expect(not resources, f"the page loaded resources: {resources[:5]}")
    outside = js("""return Array.from(document.querySelectorAll('[src], [href], [srcset], [action]'))
                    .map(e => e.getAttribute('src') || e.getAttribute('href') || e.getAttribute('srcset') || e.getAttribute('action'))
                    .filter(v => !v.startsWith('#'));""")
    expect(not outside, f"references out of the page: {outside[:5]}")
    errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    expect(not errors, f"the browser logged errors: {errors[:3]}")

    # Landmarks and labels.
    landmarks = js("""return {h1: document.querySelectorAll('h1').length, header: document.querySelectorAll('header').length,
                       main: document.querySelectorAll('main').length, aside: document.querySelectorAll('aside').length,
                       lang: document.documentElement.lang,
                       unlabelled: Array.from(document.querySelectorAll('input, select, textarea, button'))
                                   .filter(c => !(c.labels && c.labels.length) && !c.getAttribute('aria-label')).length,
                       viewport: !!document.querySelector('meta[name="viewport"]')};""")
    expect(landmarks["h1"] == 1, f"{landmarks['h1']} h1 elements, expected one")
    expect(landmarks["header"] >= 1 and landmarks["main"] == 1 and landmarks["aside"] >= 1,
           f"landmarks missing: {landmarks}")
    expect(bool(landmarks["lang"]), "no lang on the html element")
    expect(landmarks["unlabelled"] == 0, f"{landmarks['unlabelled']} controls without a label")
    expect(landmarks["viewport"], "no viewport meta element")

    js("window.scrollTo(0, 0);")
    screenshot(driver, shots / f"{name}-wide.png")

    # A phone: nothing wider than the screen.
    set_viewport(driver, PHONE, mobile=True)
    driver.get(page.resolve().as_uri())
    overflow = js("""const width = document.documentElement.clientWidth;
        const wide = Array.from(document.querySelectorAll('body *'))
            .filter(e => e.getBoundingClientRect().right > width + 1)
            .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''));
        return {scroll: document.documentElement.scrollWidth, width: width, wide: wide.slice(0, 5)};""")
    expect(overflow["scroll"] <= overflow["width"],
           f"at {PHONE[0]} px the page is {overflow['scroll']} px wide (scrolls sideways): {overflow['wide']}")
    screenshot(driver, shots / f"{name}-phone.png")
    js("document.getElementById('edits').scrollIntoView();")
    screenshot(driver, shots / f"{name}-phone-edits.png")
    return problems, {"page breaks": markers, "footnote links": refs, "edits": rows, "stages": len(stages)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", type=pathlib.Path, help="folder of NAME.html written by clerk review")
    parser.add_argument("json", type=pathlib.Path, help="folder of NAME.json written by clerk convert")
    parser.add_argument("--screenshots", type=pathlib.Path, required=True, help="folder for the screenshots")
    arguments = parser.parse_args()
    pages = sorted(arguments.pages.rglob("*.html"))
    if not pages:
        print(f"review-browser-check: no .html page under {arguments.pages}", file=sys.stderr)
        return 2
    arguments.screenshots.mkdir(parents=True, exist_ok=True)
    driver = browser()
    problems = []
    try:
        for page in pages:
            reference = arguments.json / page.relative_to(arguments.pages).with_suffix(".json")
            if not reference.exists():
                problems.append(f"{page.name}: no {reference} to compare with")
                continue
            found, counts = check_page(driver, page, json.loads(reference.read_text(encoding="utf-8")), arguments.screenshots)
            problems += found
            print(f"{page.name}: " + ", ".join(f"{value} {key}" for key, value in counts.items())
                  + (" — ok" if not found else f" — {len(found)} problem(s)"))
    finally:
        driver.quit()
    for problem in problems:
        print(f"FAIL {problem}", file=sys.stderr)
    failed = {problem.split(":")[0] for problem in problems}
    print(f"review pages: {len(pages) - len(failed)} of {len(pages)} without problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
