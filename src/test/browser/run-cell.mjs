// Opens a notebook in Debian's headless chromium, runs its first code cell the
// way a user does (click, Shift+Enter), waits for the Shapes output, saves a
// screenshot and prints what the page shows as JSON.
// Usage: node run-cell.mjs NOTEBOOK_URL SCREENSHOT.png
import { chromium } from 'playwright-core';

const [url, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url, { waitUntil: 'load', timeout: 60000 });
  await page.waitForFunction(
    () => window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel
      && Jupyter.notebook.kernel.is_connected() && Jupyter.notebook.kernel_busy === false,
    null, { timeout: 90000 });
  const kernel = await page.evaluate(() => Jupyter.notebook.kernel.name);
  await page.click('.cell.code_cell .CodeMirror');
  await page.keyboard.press('Shift+Enter');
  await page.waitForSelector('.output_area .shapes-result table.shapes-table', { timeout: 90000 });
  await page.waitForFunction(() => Jupyter.notebook.kernel_busy === false, null, { timeout: 30000 });
  const report = await page.evaluate(() => ({
    tables: document.querySelectorAll('.output_area .shapes-result table.shapes-table').length,
    svgs: document.querySelectorAll('.output_area svg.shapes-drawing').length,
    errorOutputs: document.querySelectorAll('.output_area .output_error').length,
    text: document.querySelector('.output_area .shapes-result').innerText,
    prompt: document.querySelector('.cell.code_cell .input_prompt').innerText,
  }));
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ kernel, ...report }));
} finally {
  await browser.close();
}
