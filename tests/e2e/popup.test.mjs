// The toolbar popup, opened as a page for a given tab (`?tab=N`): what the tab shows, where the user stands and the
// next step, from the background's real page report. It must work without a report and request nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { browserName, env, openFixture, openPopup } from './harness.mjs';

const root = new URL('../../', import.meta.url).pathname;
const en = JSON.parse(readFileSync(`${root}extension/_locales/en/messages.json`, 'utf8'));
const formUrls = Object.fromEntries(JSON.parse(readFileSync(`${root}rules/pages.json`, 'utf8'))
  .objection_form_urls.map(({ site, url }) => [site, url]));
function message(key, ...values) {
  const { message: text, placeholders = {} } = en[key];
  return text.replace(/\$(\w+)\$/g, (_, name) => values[Number(placeholders[name.toLowerCase()].content.slice(1)) - 1]);
}

const RECORD = {
  id: 'rec-1', site: 'facebook', formId: '712876720715583', submittedAt: '2025-05-20T09:30:00+02:00',
  email: 'jan@example.nl', statement: 'I object.', confirmationText: 'We will honour your objection.',
  url: 'https://www.facebook.com/help/contact/712876720715583', stage: 'confirmed',
};
const PROFILE = {
  version: 1,
  profile: {
    email: 'jan@example.nl', country: 'NL', language: 'en',
    statement: 'I object under Article 21(1) GDPR. Contact: {email}, {country}.',
  },
};

/** What the popup shows, as a user (or a screen reader) would read it. */
const shown = (page) => page.evaluate(() => {
  const byId = (id) => document.getElementById(id);
  const visible = (id) => !byId(id).hidden && byId(id).getClientRects().length > 0;
  return {
    notMeta: visible('not-meta'),
    site: visible('tab-facts') ? byId('site').textContent : null,
    pageKind: visible('tab-facts') ? byId('page-kind').textContent : null,
    posts: visible('posts')
      ? ['public', 'limited', 'unknown'].map((k) => byId(`posts-${k}`).textContent).join('/') : null,
    account: visible('account') ? byId('account').textContent : null,
    step: byId('next').dataset.step,
    nextText: byId('next-text').textContent,
    action: visible('next-action-row')
      ? { href: byId('next-action').href, text: byId('next-action').textContent, target: byId('next-action').target }
      : null,
    profile: byId('profile-state').textContent,
    records: byId('records-state').textContent,
    standing: [...byId('standing').children].map((li) => li.textContent),
    objectionNow: visible('objection-now') ? byId('objection-now-text').textContent : null,
    alreadyPublic: visible('already-public')
      ? [...byId('already-public-list').children].map((li) => ({ text: li.textContent, links: [...li.querySelectorAll('a')].map((a) => a.href) }))
      : null,
  };
});

/** What the popup says about posts that are already public, with the tab's own site first. */
function advice(first) {
  const facebook = { text: message('popupAlreadyPublicFacebook'), links: [] };
  const instagram = {
    text: `${message('popupAlreadyPublicInstagram')} ${message('popupInstagramPrivacyLink')}`,
    links: ['https://www.instagram.com/accounts/who_can_see_your_content/'],
  };
  return first === 'facebook' ? [facebook, instagram] : [instagram, facebook];
}

test(`${browserName}: the popup shows a feed tab's counts and offers Facebook's objection form`, async () => {
  await env.browser.clearStorage();
  const { page: feed, tabId } = await openFixture('www.facebook.com', '/', 'facebook/feed-basic');
  await env.browser.waitForReport(tabId, (r) => r.posts.public === 2);
  const requestsBefore = env.server.requests.length;
  const popup = await openPopup(tabId);
  assert.deepEqual(await shown(popup), {
    notMeta: false,
    site: 'www.facebook.com',
    pageKind: message('popupKindOther'),
    posts: '2/1/0',
    account: null,
    step: 'object',
    nextText: message('popupStepObject', 'Facebook'),
    action: { href: formUrls.facebook, text: message('popupOpenForm', 'Facebook'), target: '_blank' },
    profile: message('popupProfileMissing'),
    records: message('popupRecordsCount', '0'),
    standing: [message('popupStandingNone', 'Facebook'), message('popupStandingNone', 'Instagram')],
    objectionNow: message('popupObjectionNow'),
    alreadyPublic: advice('facebook'),
  });
  // Every host resolves to the fixture server, so a request of the popup's would be logged there. The browsers'
  // own services and the feed tab's favicon also land there: they are not the popup's.
  const browserServices = /(^|\.)(google\.com|googleapis\.com|gvt1\.com|mozilla\.(com|net|org)|firefox\.com)$/;
  const unexpected = env.server.requests.slice(requestsBefore)
    .filter((r) => r.path !== '/favicon.ico' && !browserServices.test(r.host));
  assert.deepEqual(unexpected, [], 'the popup requested nothing');
  assert.deepEqual(popup.errors, []);
  await popup.close();
  await feed.close();
});

test(`${browserName}: with a confirmed Facebook objection and an Instagram one awaiting Meta, the popup says where each stands`, async () => {
  await env.browser.clearStorage();
  const awaiting = {
    ...RECORD, id: 'rec-2', site: 'instagram', formId: '767264225370182', submittedAt: '2025-06-03T08:00:00+02:00',
    url: 'https://help.instagram.com/contact/767264225370182', stage: 'code-sent', confirmationText: '',
  };
  await env.browser.setStorage({ profile: PROFILE, records: { version: 1, records: [RECORD, awaiting] } });
  const { page: feed, tabId } = await openFixture('www.facebook.com', '/', 'facebook/feed-basic');
  await env.browser.waitForReport(tabId, (r) => r.posts.public === 2);
  const popup = await openPopup(tabId);
  const state = await shown(popup);
  const date = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date(RECORD.submittedAt));
  assert.equal(state.step, 'already-objected');
  assert.equal(state.nextText, message('popupStepAlreadyObjected', 'Facebook', date));
  assert.equal(state.action, null);
  assert.equal(state.posts, '2/1/0');
  assert.equal(state.profile, message('popupProfileReady'));
  assert.equal(state.records, message('popupRecordsCount', '2'));
  // Confirmed by Meta's page without a separate confirmation time: the date of the Send.
  const sentOn = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date(awaiting.submittedAt));
  assert.deepEqual(state.standing, [
    message('popupStandingConfirmed', 'Facebook', date),
    message('popupStandingAwaiting', 'Instagram', sentOn),
  ]);
  assert.deepEqual(popup.errors, []);
  await popup.close();
  await feed.close();
});

test(`${browserName}: on Meta's objection form the popup says to check and press Send, or to set up a profile first`, async () => {
  await env.browser.clearStorage();
  const { page: form, tabId } = await openFixture('de-de.facebook.com', '/help/contact/712876720715583', 'forms/fb-2025-de');
  await env.browser.waitForReport(tabId, (r) => r.pageKind === 'objection-form-facebook');
  const withoutProfile = await openPopup(tabId);
  const state = await shown(withoutProfile);
  assert.equal(state.pageKind, message('popupKindObjectionForm', 'Facebook'));
  assert.equal(state.step, 'set-up-profile');
  assert.equal(state.nextText, message('popupStepSetUpProfile'));
  assert.equal(state.action.href, `${env.browser.origin}/options/options.html#profile`);
  await withoutProfile.close();

  await env.browser.setStorage({ profile: PROFILE });
  const withProfile = await openPopup(tabId);
  assert.equal((await shown(withProfile)).step, 'check-and-send');
  assert.equal((await shown(withProfile)).nextText, message('popupStepCheckAndSend'));
  assert.equal((await shown(withProfile)).action, null);
  assert.deepEqual(withProfile.errors, []);
  await withProfile.close();
  await form.close();
});

test(`${browserName}: on Meta's confirmation with no objection recorded, the popup says Bezwaar kept no evidence; with one, that it keeps it`, async () => {
  await env.browser.clearStorage();
  await env.browser.setStorage({ profile: PROFILE });
  const { page: form, tabId } = await openFixture('www.facebook.com', '/help/contact/712876720715583', 'forms/fb-en-alert-confirmation');
  await env.browser.waitForReport(tabId, (r) => r.pageKind === 'objection-form-facebook');
  // The page's own script sends: no press of the user's, so no record.
  await form.evaluate(() => document.getElementById('objection').requestSubmit());
  await env.browser.waitForReport(tabId, (r) => r.pageKind === 'objection-sent');
  const unrecorded = await openPopup(tabId);
  const state = await shown(unrecorded);
  assert.equal(state.step, 'sent-unrecorded');
  assert.equal(state.nextText, message('popupStepSentUnrecorded'));
  assert.equal(state.records, message('popupRecordsCount', '0'));
  await unrecorded.close();

  await env.browser.setStorage({ records: { version: 1, records: [{ ...RECORD, stage: 'code-sent', confirmationText: '' }] } });
  const recorded = await openPopup(tabId);
  assert.equal((await shown(recorded)).step, 'sent');
  assert.equal((await shown(recorded)).nextText, message('popupStepSent'));
  assert.deepEqual(recorded.errors, []);
  await recorded.close();
  await form.close();
});

test(`${browserName}: the popup works for a tab without a report and for unreadable storage`, async () => {
  await env.browser.clearStorage();
  await env.browser.setStorage({ profile: 'garbage', records: { version: 5, records: [] } });
  // A lookalike host: the content script never runs there, so the tab has no report.
  const { page: other, tabId } = await openFixture('www.facebook.com.example.test', '/', 'facebook/feed-basic');
  assert.equal(await env.browser.tabState(tabId), null);
  const popup = await openPopup(tabId);
  assert.deepEqual(await shown(popup), {
    notMeta: true,
    site: null,
    pageKind: null,
    posts: null,
    account: null,
    step: 'explain',
    nextText: message('popupStepExplain'),
    action: null,
    profile: message('popupProfileUnreadable'),
    records: message('popupRecordsUnreadable'),
    standing: [],
    objectionNow: null,
    alreadyPublic: null,
  });
  assert.deepEqual(popup.errors, []);
  await popup.close();
  await other.close();

  // A tab id nobody has (a closed tab): the same, without errors.
  const gone = await openPopup(987654);
  assert.equal((await shown(gone)).step, 'explain');
  assert.deepEqual(gone.errors, []);
  await gone.close();
});

test(`${browserName}: the popup is labelled, localized and keyboard reachable`, async () => {
  await env.browser.clearStorage();
  const { page: feed, tabId } = await openFixture('www.facebook.com', '/', 'facebook/feed-basic');
  await env.browser.waitForReport(tabId, (r) => r.posts.public === 2);
  const popup = await openPopup(tabId);
  const audit = await popup.evaluate(() => ({
    lang: document.documentElement.lang,
    untranslated: [...document.querySelectorAll('[data-i18n]')].filter((e) => e.textContent.trim() === '').length,
    main: document.querySelectorAll('main').length,
    headings: [...document.querySelectorAll('h1, h2')].map((h) => h.tagName),
  }));
  assert.deepEqual(audit, { lang: 'en', untranslated: 0, main: 1, headings: ['H1', 'H2', 'H2', 'H2', 'H2', 'H2'] });
  // Tab order: skip link, then the next step's button, then the link to the settings.
  const order = [];
  for (let i = 0; i < 3; i += 1) {
    await popup.press('Tab');
    order.push(await popup.evaluate(() => document.activeElement.id || document.activeElement.className));
  }
  assert.deepEqual(order, ['skip-link', 'next-action', 'open-options']);
  await popup.close();
  await feed.close();
});
