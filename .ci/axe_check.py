#!/usr/bin/env python3
"""Runs axe-core (from PyPI's axe-selenium-python) in headless Chromium on a
site's home, week, series, person, trends and search pages, in light and dark
mode, and fails on any serious or critical violation.

usage: .ci/axe_check.py BASE_URL SITE_DIR
"""
import json
import pathlib
import sys

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.support.ui import WebDriverWait


def pages(base, site):
    """The pages to check, one of each kind: the busiest of each, so the biggest DOM."""
    weeks = json.loads((site / "data/weeks.json").read_text(encoding="utf-8"))
    series = json.loads((site / "data/series.json").read_text(encoding="utf-8"))
    people = json.loads((site / "data/people.json").read_text(encoding="utf-8"))
    chosen = [("home", base + "index.html")]
    if weeks:
        chosen.append(("week", weeks[-1]["url"] + "index.html"))
    if series:
        longest = max(series, key=lambda s: (len(s["versions"]), len(s["participants"])))
        chosen.append(("series", longest["url"] + "index.html"))
    if people:
        busiest = max(people, key=lambda p: (p["messages"], p["id"]))
        chosen.append(("person", busiest["url"] + "index.html"))
    if (site / "trends/index.html").exists():
        chosen.append(("trends", base + "trends/index.html"))
    else:
        print("axe_check: no trends/index.html in this site: trends page skipped", file=sys.stderr)
    # A year's trends page, when the archive spans several years.
    years = sorted(path.parent.name for path in (site / "trends").glob("*/index.html"))
    if years:
        chosen.append(("trends-year", base + f"trends/{years[-1]}/index.html"))
    chosen.append(("search", base + "search/index.html?q=kvm"))
    return chosen


def run(driver):
    """axe.run on the document. axe-core before 3.3 (what axe-selenium-python 2.x bundles for
    Python < 3.12) wrongly reports <div> groups in a <dl>, which HTML allows: that rule is then off."""
    version = driver.execute_script("return axe.version")
    options = {}
    if tuple(int(part) for part in version.split(".")[:2]) < (3, 3):
        options = {"rules": {"dlitem": {"enabled": False}}}
        if not getattr(run, "noted", False):
            print(f"axe_check: axe-core {version}: rule dlitem off (it rejects <div> groups in <dl>, fixed in 3.3)",
                  file=sys.stderr)
            run.noted = True
    return driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, arguments[0]).then(function (r) { done(r); }, function (e) { done({error: String(e)}); });",
        options)


def main():
    base, site = sys.argv[1], pathlib.Path(sys.argv[2])
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=webdriver.ChromeService("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(120)
    failures = 0
    try:
        for scheme in ["light", "dark"]:
            driver.execute_cdp_cmd(
                "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
            for kind, url in pages(base, site):
                driver.get(url)
                if kind == "search":  # wait for the results, so axe sees them too
                    WebDriverWait(driver, 20).until(
                        lambda d: d.execute_script("return document.querySelector('#search-results li') !== null"))
                axe = Axe(driver)
                axe.inject()
                results = run(driver)
                if "error" in results:
                    failures += 1
                    print(f"  {kind} ({scheme}) {url}: axe did not run: {results['error']}", file=sys.stderr)
                    continue
                serious = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
                for violation in serious:
                    failures += 1
                    targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
                    print(f"  {kind} ({scheme}) {url}: {violation['impact']}: {violation['id']}: "
                          f"{violation['help']} [{'; '.join(targets)}]", file=sys.stderr)
                print(f"axe_check: {kind} ({scheme}): {len(serious)} serious or critical, "
                      f"{len(results['violations']) - len(serious)} minor", file=sys.stderr)
    finally:
        driver.quit()
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
