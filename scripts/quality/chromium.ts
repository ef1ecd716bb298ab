/**
 * Debian's Chromium, started the one way the checks start it: headless, and with everything that
 * would reach outside this machine switched off (a closed network refuses those connections).
 */
import { chromium, type Browser } from 'playwright-core';
import { chromiumTool, ensureHostTool, koreanFontTool } from './host-tools.ts';

export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** Installs Chromium and a Korean font when missing (see host-tools.ts) and returns Chromium's path. */
export function ensureChromium(): string {
	ensureHostTool(koreanFontTool);
	return ensureHostTool(chromiumTool);
}

export function launchChromium(): Promise<Browser> {
	return chromium.launch({ executablePath: ensureChromium(), headless: true, args: chromiumArgs });
}
