import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectionsPage } from './fixtures/connections-page.ts';
import { expect, test } from './fixtures/ferry-test.ts';
import { fakeApiKey, fingerprintOf, readTree } from './fixtures/secrets.ts';

test('a connection added in the UI is listed by fingerprint only, survives a restart, and its key leaks nowhere', async ({
  ferry,
  page,
}) => {
  const screen = new ConnectionsPage(page);
  const key = fakeApiKey();
  const fingerprint = fingerprintOf(key);
  const keychain = await ferry.keychainAvailable();
  // CI runs inside a D-Bus session with gnome-keyring; there the keychain path is the one under test.
  if (process.env.CI) expect(keychain, 'CI must provide a Secret Service (gnome-keyring)').toBe(true);

  await expect(page.getByText('No connections yet.')).toBeVisible();
  await screen.add({ name: 'Acme Production', key, organization: 'org-acme42', project: 'proj_alpha' });

  const row = screen.row('Acme Production');
  await expect(row).toContainText(fingerprint);
  await expect(row).toContainText('https://api.openai.com/v1');
  await expect(row).toContainText('org-acme42 / proj_alpha');
  await expect(row).toContainText(keychain ? 'In keychain' : 'Session only');
  // Editing shows the fingerprint as a hint, never the key.
  await expect(screen.field('API key')).toHaveValue('');
  await expect(screen.field('API key')).toHaveAttribute('placeholder', `Leave empty to keep ${fingerprint}`);

  await ferry.restart();
  const after = screen.row('Acme Production');
  await expect(after).toBeVisible();
  if (keychain) {
    await expect(after).toContainText(fingerprint);
    await expect(after).toContainText('In keychain');
  } else {
    // A session-only key is gone after a restart, and the UI says so rather than pretending.
    await expect(after).toContainText('Key missing — enter it again');
  }

  // Open it for editing, so the editor's markup is part of the DOM check too.
  await after.getByRole('button', { name: 'Acme Production' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Acme Production' })).toBeVisible();

  const responses = await ferry.bridgeResponses();
  expect(responses.length).toBeGreaterThan(3);
  for (const { url, body } of responses) expect(body, `response of ${url}`).not.toContain(key);
  expect(await page.content()).not.toContain(key);
  const storage = await page.evaluate(() =>
    JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }),
  );
  expect(storage).not.toContain(key);

  // The app ran under its CSP (no 'unsafe-eval', no inline code) without tripping it.
  expect(
    ferry.pageErrors().filter((line) => /Content.Security.Policy|Refused to|default-src|script-src/i.test(line)),
  ).toEqual([]);
  expect(ferry.pageErrors().filter((line) => line.startsWith('uncaught:'))).toEqual([]);

  const log = join(ferry.home, 'logs', 'ferry.log');
  expect(existsSync(log), 'the log file exists, so checking it means something').toBe(true);
  const files = await readTree(ferry.home);
  expect(files.map((file) => file.path)).toContain(log);
  for (const file of files) expect(file.content.includes(key), `${file.path} holds the key`).toBe(false);
});

test('a bad Organization ID is reported next to the field', async ({ page }) => {
  const screen = new ConnectionsPage(page);
  await screen.startAdding();
  await screen.fill({ name: 'Acme Staging', key: fakeApiKey(), organization: 'acme' });
  await screen.save();

  const organization = screen.field('Organization ID');
  await expect(organization).toHaveAttribute('aria-invalid', 'true');
  await expect(organization).toHaveAccessibleDescription(/Organization ID must look like "org-…"/);
  await expect(organization).toBeFocused();
  await expect(screen.field('Name')).not.toHaveAttribute('aria-invalid', 'true');
  // Nothing was saved.
  await expect(page.getByText('No connections yet.')).toBeVisible();

  await organization.fill('org-acme');
  await screen.save();
  await expect(screen.row('Acme Staging')).toBeVisible();
});

test('Remove asks for confirmation naming the connection, and Escape cancels', async ({ page }) => {
  const screen = new ConnectionsPage(page);
  await screen.add({ name: 'Acme Production', key: fakeApiKey() });

  const remove = page.getByRole('button', { name: 'Remove', exact: true });
  await remove.click();
  const dialog = page.getByRole('dialog', { name: 'Remove connection “Acme Production”?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(remove).toBeFocused();
  await expect(screen.row('Acme Production')).toBeVisible();

  await remove.click();
  await dialog.getByRole('button', { name: 'Remove connection' }).click();
  await expect(dialog).toBeHidden();
  await expect(screen.row('Acme Production')).toHaveCount(0);
  await expect(page.getByText('No connections yet.')).toBeVisible();
});

test('Test connection explains an unreachable server inline', async ({ page }) => {
  const screen = new ConnectionsPage(page);
  await screen.add({ name: 'Local proxy', key: fakeApiKey(), baseUrl: 'http://127.0.0.1:9/v1' });

  await page.getByRole('button', { name: 'Test connection' }).click();
  const result = page.getByRole('status').filter({ hasText: 'Unreachable' });
  await expect(result).toBeVisible();
  await expect(result).toContainText('Could not reach http://127.0.0.1:9/v1');
});
