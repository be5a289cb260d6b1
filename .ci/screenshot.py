#!/usr/bin/env python3
"""Screenshots of built pages at phone and desktop widths, for looking at them.

Headless Chromium will not make a window narrower than 500 px, so phone widths
are emulated through the DevTools protocol. Needs Debian's chromium and
chromium-driver and PyPI's selenium.

usage: .ci/screenshot.py OUT_DIR FILE_OR_URL... [--widths 375,1280] [--dark]
"""
import argparse
import os
import pathlib

from selenium import webdriver


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("pages", nargs="+")
    parser.add_argument("--widths", default="375,1280")
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--max-height", type=int, default=4000)
    args = parser.parse_args()

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=webdriver.ChromeService("/usr/bin/chromedriver"), options=options)
    os.makedirs(args.out, exist_ok=True)
    try:
        if args.dark:
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        for page in args.pages:
            url = page if "://" in page else pathlib.Path(page).resolve().as_uri()
            for width in (int(w) for w in args.widths.split(",")):
                driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                    "width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 600})
                driver.get(url)
                height = min(driver.execute_script("return document.documentElement.scrollHeight"), args.max_height)
                driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                    "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
                name = page.rstrip("/").replace("/", "_").replace(":", "")[-60:]
                path = os.path.join(args.out, f"{name}-{width}{'-dark' if args.dark else ''}.png")
                driver.save_screenshot(path)
                overflow = driver.execute_script("return document.documentElement.scrollWidth > innerWidth")
                print(path, "(horizontal overflow!)" if overflow else "")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
