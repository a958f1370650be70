import { ConnectionsPage } from './fixtures/connections-page.ts';
import { expect, test } from './fixtures/ferry-test.ts';
import { fakeApiKey, fingerprintOf } from './fixtures/secrets.ts';

test('editing renames a connection and a newly entered key replaces the old one', async ({ page }) => {
  const screen = new ConnectionsPage(page);
  const first = fakeApiKey();
  const second = fakeApiKey();
  await screen.add({ name: 'Acme', key: first });

  // An empty key field keeps the stored key.
  await screen.field('Name').fill('Acme Production');
  await screen.save();
  const row = screen.row('Acme Production');
  await expect(row).toContainText(fingerprintOf(first));
  await expect(page.getByRole('heading', { level: 2, name: 'Acme Production' })).toBeVisible();

  await screen.field('API key').fill(second);
  await screen.save();
  await expect(row).toContainText(fingerprintOf(second));
  await expect(row).not.toContainText(fingerprintOf(first));
  await expect(screen.field('API key')).toHaveValue('');
  await expect(screen.field('API key')).toHaveAttribute('placeholder', `Leave empty to keep ${fingerprintOf(second)}`);
});

test('a key can come from an environment variable, and the list says whether it is set', async ({ page }) => {
  const screen = new ConnectionsPage(page);
  await screen.startAdding();
  await screen.field('Name').fill('Acme Staging');
  await screen.field('Key source').selectOption({ label: 'Environment variable' });
  await expect(screen.field('API key')).toHaveCount(0);
  await screen.field('Environment variable').fill('not a name');
  await screen.save();
  await expect(screen.field('Environment variable')).toHaveAttribute('aria-invalid', 'true');
  await expect(screen.field('Environment variable')).toHaveAccessibleDescription(/letters, digits and underscores/);

  await screen.field('Environment variable').fill('FERRY_E2E_UNSET_KEY');
  await screen.save();
  await expect(screen.row('Acme Staging')).toContainText('$FERRY_E2E_UNSET_KEY not set');
});

test('a connection added by the CLI shows up in the open page without a reload', async ({ ferry, page }) => {
  const screen = new ConnectionsPage(page);
  await expect(page.getByText('No connections yet.')).toBeVisible();

  const run = await ferry.runCli([
    'connections',
    'add',
    '--name',
    'Added from the CLI',
    '--key-env',
    'FERRY_E2E_UNSET_KEY',
  ]);
  expect(run.code, run.stderr).toBe(0);

  // settings.json changed on disk, the web host noticed, and its event reached the page over SSE.
  await expect(screen.row('Added from the CLI')).toBeVisible();
  await expect(screen.row('Added from the CLI')).toContainText('$FERRY_E2E_UNSET_KEY not set');
});

test('the whole screen works from the keyboard', async ({ page }) => {
  const screen = new ConnectionsPage(page);
  await page.getByRole('button', { name: 'Add connection' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'New connection' })).toBeVisible();
  await screen.field('Name').focus();
  await page.keyboard.type('Keyboard Co');
  await screen.field('API key').focus();
  await page.keyboard.type(fakeApiKey());
  await page.keyboard.press('Enter'); // submits the form
  await expect(screen.row('Keyboard Co')).toBeVisible();

  await page.getByRole('button', { name: 'Remove', exact: true }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Remove connection “Keyboard Co”?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Remove connection' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(screen.row('Keyboard Co')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Connections' })).toBeFocused();
});

test('without a keychain, a banner says keys are kept for this session only', async ({ ferry, page }) => {
  test.skip(
    process.platform !== 'linux',
    'the keychain is switched off by hiding the D-Bus session, which only Linux uses',
  );
  const screen = new ConnectionsPage(page);
  // No session bus, no Secret Service: the core falls back to session-only keys.
  await ferry.restart({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/ferry-e2e-bus' });

  const banner = page.getByRole('region', {
    name: 'No OS keychain: keys you enter now are kept for this session only.',
  });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('No OS keychain is available');
  await expect(page.getByText('Keys: session only')).toBeVisible();

  await screen.add({ name: 'Acme Production', key: fakeApiKey() });
  await expect(screen.row('Acme Production')).toContainText('Session only');
});
