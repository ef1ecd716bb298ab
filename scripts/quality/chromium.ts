/**
 * Debian's Chromium, started the one way the checks start it: headless, and with everything that
 * would reach outside this machine switched off (a closed network refuses those connections).
 */
import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from './host-tools.ts';

export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	// The browser suite loads two pages at once: a page in the background must still run its
	// animation frames and timers, or a check that waits for a frame never ends.
	'--disable-renderer-backgrounding',
	'--disable-background-timer-throttling',
	'--disable-backgrounding-occluded-windows',
];

/** Chromium's path, once it and a Korean font are there (`npm run setup` installs both). */
export function ensureChromium(): string {
	return chromiumPath();
}

export function launchChromium(): Promise<Browser> {
	return chromium.launch({ executablePath: ensureChromium(), headless: true, args: chromiumArgs });
}
