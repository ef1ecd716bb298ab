/**
 * The quality checks' host tools (Debian's Chromium, Debian's shellcheck): used where present,
 * installed with apt-get where the host is Debian or Ubuntu and the user is root, and otherwise a
 * failure that names exactly what to install. Never a browser download.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export interface HostTool {
	/** The absolute path the check runs (or, for fonts, the path of a font it needs). */
	binary: string;
	/** The Debian (and Ubuntu) package that ships it. */
	debianPackage: string;
	/** What the tool is for, in the failure message. */
	purpose: string;
	/** The variable that may point at an installed copy instead. */
	override?: string;
	/** Whether the tool is there; by default, whether its binary exists. */
	present?: () => boolean;
}

export const chromiumTool: HostTool = {
	binary: process.env['LAYERBOOK_CHROMIUM'] ?? '/usr/bin/chromium',
	debianPackage: 'chromium',
	purpose: "the browser tests and the benchmark drive Debian's Chromium",
	override: 'LAYERBOOK_CHROMIUM',
};

/**
 * A Korean font: without one, Chromium draws Korean text as empty boxes, and the screenshots,
 * the 375-pixel layout and the diagrams' legibility would be judged on text no reader sees.
 */
export const koreanFontTool: HostTool = {
	binary: '/usr/share/fonts/truetype/nanum/NanumGothic.ttf',
	debianPackage: 'fonts-nanum',
	purpose: 'the browser tests render Korean pages, which need a Korean font',
	present: () => {
		try {
			return execFileSync('fc-list', [':lang=ko', 'family'], { encoding: 'utf8' }).trim() !== '';
		} catch {
			return existsSync(koreanFontTool.binary);
		}
	},
};

export const shellcheckTool: HostTool = {
	binary: process.env['LAYERBOOK_SHELLCHECK'] ?? '/usr/bin/shellcheck',
	debianPackage: 'shellcheck',
	purpose: 'every shell block and console command of the chapters is checked with shellcheck',
	override: 'LAYERBOOK_SHELLCHECK',
};

function isDebianLike(): boolean {
	if (existsSync('/etc/debian_version')) return true;
	try {
		return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(readFileSync('/etc/os-release', 'utf8'));
	} catch {
		return false;
	}
}

/** apt-get's update runs at most once per process, however many tools are installed. */
let updated = false;

/** The tool's path, installing its package first when it is missing and the host allows it. */
export function ensureHostTool(tool: HostTool): string {
	const present = tool.present ?? (() => existsSync(tool.binary));
	if (present()) return tool.binary;
	const root = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!root || !isDebianLike()) {
		throw new Error(
			`${tool.binary} is missing: ${tool.purpose}. Install the "${tool.debianPackage}" package ` +
				`(on Debian or Ubuntu: sudo apt-get install -y ${tool.debianPackage})` +
				(tool.override === undefined ? '.' : `, or point ${tool.override} at an installed copy.`),
		);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	process.stderr.write(`Installing Debian's ${tool.debianPackage} (${tool.purpose})...\n`);
	if (!updated) {
		execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
		updated = true;
	}
	execFileSync('apt-get', ['install', '-y', '-qq', tool.debianPackage], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env,
	});
	if (!present()) {
		throw new Error(`apt-get installed ${tool.debianPackage}, but ${tool.binary} is still missing`);
	}
	return tool.binary;
}
