/** Debian Chromium through playwright-core (no browser download), plus the dashboard's login step. */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = (): boolean => existsSync(CHROMIUM_PATH);

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });

/** Opens the dashboard, signs in through the login form and waits for the landing page. */
export async function login(page: Page, baseUrl: string, username: string, password: string, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<void> {
  // Only a first visit gets the language; a later switch in the page survives reloads.
  await page.addInitScript((l) => {
    if (!window.localStorage.getItem('heatfleet.lang')) window.localStorage.setItem('heatfleet.lang', l);
  }, lang);
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('main-menu').waitFor({ timeout: 15_000 });
}
