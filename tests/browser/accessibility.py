"""WCAG 2.1 A/AA checks for the browser tests: axe-core (vendored, test-only) and the checks
axe cannot make (input border contrast from the rendered styles, reflow at 320 px, focus on
the error summary, ARIA references to ids that exist).

Each check returns a list of problems (strings), empty when the page passes, so that a test
can visit every page, collect everything, and fail once with the whole list."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from conftest import PASSWORD

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 320, "height": 720}  # 1280 px at 400% zoom (WCAG 1.4.10)

# Besides the WCAG rules, two of axe's best practices the register promises too: one <h1>
# per page, and landmarks of one kind told apart by their labels.
ALSO = ["page-has-heading-one", "landmark-unique"]

_AXE_RUN = """async ([tags, also]) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    rules: Object.fromEntries(also.map((rule) => [rule, {enabled: true}])),
    resultTypes: ["violations"],
  });
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} -- ` +
    v.nodes.slice(0, 4).map((n) => n.target.join(" ")).join(" | "));
}"""

# Contrast of each text field's border (1.4.11) against what is behind it, per WCAG's
# relative-luminance formula, from getComputedStyle.
_BORDER_CONTRAST = """() => {
  const parse = (text) => {
    const m = text.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[\\s,/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const over = (top, under) => ({
    r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a),
    b: top.b * top.a + under.b * (1 - top.a), a: 1,
  });
  const luminance = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const ratio = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const behind = (element) => {
    const layers = [];
    for (let n = element.parentElement; n; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let colour = {r: 255, g: 255, b: 255, a: 1};
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const skipped = ["hidden", "checkbox", "radio", "submit", "button", "reset", "image", "file",
                   "range", "color"];
  const problems = [];
  for (const field of document.querySelectorAll("input, select, textarea")) {
    if (skipped.includes((field.getAttribute("type") || "").toLowerCase())) continue;
    if (!field.getClientRects().length) continue;
    // A searchable picker (Tom Select): the select it replaces is hidden from sight, and
    // the box one sees around its text input is the picker's control.
    if (field.classList.contains("ts-hidden-accessible")) continue;
    const box = field.closest(".ts-control") || field;
    const style = getComputedStyle(box);
    if (style.visibility === "hidden") continue;
    const background = behind(box);
    let worst = Infinity;
    for (const side of ["Top", "Right", "Bottom", "Left"]) {
      const width = parseFloat(style[`border${side}Width`]);
      const colour = parse(style[`border${side}Color`]);
      const visible = width > 0 && style[`border${side}Style`] !== "none" && colour;
      worst = Math.min(worst, visible ? ratio(over(colour, background), background) : 1);
    }
    if (worst < 3) {
      const name = field.id ? `#${field.id}` : `${field.tagName.toLowerCase()}[name=${field.name}]`;
      problems.push(`${name}: border contrast ${worst.toFixed(2)}:1 (needs 3:1), ` +
        `border ${style.borderBottomColor} on ${JSON.stringify(background)}`);
    }
  }
  return problems;
}"""

_SIDEWAYS_SCROLL = """() => {
  const root = document.scrollingElement;
  if (root.scrollWidth <= root.clientWidth) return [];
  const wide = [];
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.right > root.clientWidth + 1 && element.children.length === 0) {
      const text = JSON.stringify((element.textContent || "").trim().slice(0, 40));
      wide.push(`${element.tagName.toLowerCase()}.${element.className}: ` +
        `${text} ends at ${Math.round(box.right)}`);
    }
    if (wide.length >= 4) break;
  }
  return [`scrolls sideways: ${root.scrollWidth} px wide in ${root.clientWidth} px; ` +
    wide.join("; ")];
}"""

_MISSING_REFERENCES = """() => {
  const problems = [];
  for (const attribute of ["aria-describedby", "aria-labelledby", "aria-errormessage",
                           "aria-controls", "for"]) {
    for (const element of document.querySelectorAll(`[${attribute}]`)) {
      for (const id of element.getAttribute(attribute).split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) {
          const name = element.id ? `#${element.id}` : element.tagName.toLowerCase();
          problems.push(`${name} ${attribute}="${id}": no element has this id`);
        }
      }
    }
  }
  return problems;
}"""

_FOCUS_ON_ERROR_SUMMARY = """() => {
  const summary = document.querySelector(".error-summary");
  if (!summary) return ["no error summary on the page"];
  const problems = [];
  if (document.activeElement !== summary) {
    const active = document.activeElement;
    problems.push(
      `focus is on ${active.tagName.toLowerCase()}#${active.id}, not on the error summary`);
  }
  const links = summary.querySelectorAll("a[href^='#']");
  for (const link of links) {
    if (!document.getElementById(link.getAttribute("href").slice(1))) {
      problems.push(`summary link ${link.getAttribute("href")} leads nowhere`);
    }
  }
  return problems;
}"""


def new_context(browser: Any) -> Any:
    """A context that lets the tests inject axe; Liaison's own CSP stays strict for users."""
    context = browser.new_context(viewport=DESKTOP, bypass_csp=True)
    context.set_default_timeout(15_000)
    return context


def log_in(page: Any, live_server: Any, username: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/$"))


def axe_violations(page: Any) -> list[str]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return list(page.evaluate(_AXE_RUN, [WCAG_21_AA, ALSO]))


def weak_field_borders(page: Any) -> list[str]:
    return list(page.evaluate(_BORDER_CONTRAST))


def sideways_scroll(page: Any) -> list[str]:
    return list(page.evaluate(_SIDEWAYS_SCROLL))


def missing_references(page: Any) -> list[str]:
    return list(page.evaluate(_MISSING_REFERENCES))


def error_summary_problems(page: Any) -> list[str]:
    return list(page.evaluate(_FOCUS_ON_ERROR_SUMMARY))


def check_page(page: Any, *, reflow: bool = False) -> list[str]:
    """Every check on the page as it is now; `reflow` adds the no-sideways-scroll check."""
    problems = axe_violations(page) + weak_field_borders(page) + missing_references(page)
    if reflow:
        problems += sideways_scroll(page)
    return problems


def report(problems: dict[str, list[str]]) -> str:
    return "\n".join(
        f"{where}:\n  " + "\n  ".join(found) for where, found in problems.items() if found
    )
