// Screenshots of the explorer's main states at 1280×800 and 1024×768, to look at by eye.
//   npx tsx scripts/browser/screenshots.ts [--url http://127.0.0.1:3000] [--out /tmp/newsgraph-shots]
// Without --url it builds the app if needed and starts its own `next start` (stopped at the end).
import { mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { launch } from "../../tests/browser/support/chromium";
import { openExplorer, pickClickableNode, waitForReady } from "../../tests/browser/support/explorer";
import { ensureBuilt, startApp, type RunningApp } from "../../tests/browser/support/server";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const out = path.resolve(arg("out") ?? path.join(os.tmpdir(), "newsgraph-shots"));
  mkdirSync(out, { recursive: true });
  let app: RunningApp | null = null;
  let url = arg("url");
  if (!url) {
    ensureBuilt();
    app = await startApp();
    url = app.url;
  }
  try {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 1024, height: 768 },
    ]) {
      const tag = `${viewport.width}x${viewport.height}`;
      const browser = await launch(viewport);
      try {
        const { page } = browser;
        await openExplorer(page, url);
        await waitForReady(page);
        await page.screenshot({ path: path.join(out, `${tag}-1-graph.png`) });

        const node = await pickClickableNode(page);
        if (node) {
          await page.mouse.click(node.x, node.y);
          await page.waitForSelector(`[data-testid="node-panel"]`);
          await page.waitForTimeout(300);
          await page.screenshot({ path: path.join(out, `${tag}-2-selected.png`) });
          const quote = page.locator('[data-testid="evidence-quote"]').first();
          if ((await quote.count()) > 0) {
            await quote.click();
            await page.waitForSelector('[data-testid="highlighted-passage"]');
            await page.waitForTimeout(300);
            await page.screenshot({ path: path.join(out, `${tag}-3-article.png`) });
          }
        }
        await page.keyboard.press("Escape");
        await page.keyboard.press("Escape");
        const input = page.getByTestId("search-input");
        const label = node?.label ?? "a";
        await input.fill(label.slice(0, 3).toLowerCase());
        await page.waitForTimeout(150);
        await page.screenshot({ path: path.join(out, `${tag}-4-search.png`) });
        await input.press("ArrowDown");
        await input.press("Enter");
        await page.waitForTimeout(800);
        await page.screenshot({ path: path.join(out, `${tag}-5-search-focused.png`) });
        if (browser.pageErrors.length) console.warn(`[${tag}] page errors:\n${browser.pageErrors.join("\n")}`);
      } finally {
        await browser.close();
      }
    }
    console.log(`screenshots in ${out}`);
  } finally {
    await app?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
