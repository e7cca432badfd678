import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';

/** Credential fields that hold secrets, across the package's seven credential types. */
export const SECRET_FIELDS = ['apiToken', 'token', 'apiKey', 'secretKey', 'webhookSecret'];

/** What stands in for a secret wherever a node would show it. */
export const REDACTED = '[redacted]';

/** Shorter values are not redacted: they would match ordinary text. */
const MIN_SECRET_LENGTH = 6;
/** A Base64 fragment this short could match ordinary text. */
const MIN_BASE64_FRAGMENT = 8;

/** axios' rule: `url` wins when it is absolute (protocol-relative `//host` included). */
const ABSOLUTE_URL = /^([a-z][a-z\d+\-.]*:)?\/\//i;

/** scheme://host:port of an http(s) URL (default ports dropped), or undefined. */
export function originOf(url: string | undefined): string | undefined {
	if (!url) return undefined;
	try {
		const parsed = new URL(url);
		return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
	} catch {
		return undefined;
	}
}

/** The URL a request is sent to, joined the way axios joins `baseURL` and `url`. */
export function requestUrl(options: { url?: string; baseURL?: string }): string {
	const url = String(options.url ?? '');
	if (ABSOLUTE_URL.test(url) || !options.baseURL) return url;
	return `${options.baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

/** The secret values of a credential (the fields in SECRET_FIELDS that are set). */
export function secretsOf(credentials: ICredentialDataDecryptedObject | undefined): string[] {
	if (!credentials) return [];
	return SECRET_FIELDS.map((field) => credentials[field])
		.filter((value): value is string => typeof value === 'string')
		.map((value) => value.trim())
		.filter((value) => value.length >= MIN_SECRET_LENGTH);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The parts of Base64 text that any text holding `secret` encodes to, whatever comes before
 * it: one per alignment of the secret within 3-byte groups, without the characters that also
 * depend on the neighbouring bytes. Both alphabets (standard and URL-safe).
 */
function base64Fragments(secret: string): string[] {
	const bytes = Buffer.from(secret, 'utf8');
	const fragments: string[] = [];
	for (let shift = 0; shift < 3; shift++) {
		const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
		const fragment = encoded.slice(Math.ceil((8 * shift) / 6), Math.floor((8 * (shift + bytes.length)) / 6));
		if (fragment.length >= MIN_BASE64_FRAGMENT) fragments.push(fragment, fragment.replace(/\+/g, '-').replace(/\//g, '_'));
	}
	return fragments;
}

/** Replaces every secret, in plain, URL-encoded, JSON-escaped and Base64 form, in text. */
export type Redact = (text: string) => string;

/** A redactor for these secrets; text without any of them comes back unchanged. */
export function redactorFor(secrets: string[]): Redact {
	const unique = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH))];
	if (!unique.length) return (text) => text;
	const textual = new Set<string>();
	const base64 = new Set<string>();
	for (const secret of unique) {
		const urlEncoded = encodeURIComponent(secret);
		for (const form of [secret, urlEncoded, urlEncoded.replace(/%20/g, '+'), JSON.stringify(secret).slice(1, -1)]) textual.add(form);
		for (const fragment of base64Fragments(secret)) base64.add(fragment);
	}
	const longestFirst = (forms: Set<string>) => [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
	// Plain and URL-encoded forms in any letter case (hex tokens are accepted either way); Base64 exactly.
	const anyCase = new RegExp(longestFirst(textual), 'gi');
	const exact = base64.size ? new RegExp(longestFirst(base64), 'g') : undefined;
	return (text) => {
		let result = text.replace(anyCase, REDACTED);
		if (exact) result = result.replace(exact, REDACTED);
		return result;
	};
}

/** Objects worth walking: data, errors and header bags; never sockets, agents or the node itself. */
function walkable(value: object): boolean {
	if (Array.isArray(value) || value instanceof Error) return true;
	if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return false;
	const prototype = Object.getPrototypeOf(value) as object | null;
	return prototype === null || prototype === Object.prototype || value.constructor?.name === 'AxiosHeaders';
}

/** Keys never walked: the node (its parameters belong to the workflow) and the workflow. */
const SKIPPED_KEYS = new Set(['node', 'workflow']);

/**
 * Redacts, in place, every string reachable from `root` (own properties, also the
 * non-enumerable `message` and `stack` of errors; keys too). Iterative, so a deeply nested
 * answer cannot overflow the stack.
 */
export function redactDeep<T>(root: T, redact: Redact): T {
	if (typeof root === 'string') return redact(root) as T;
	if (!root || typeof root !== 'object') return root;
	const seen = new WeakSet<object>();
	const pending: object[] = [root];
	while (pending.length) {
		const value = pending.pop()!;
		if (seen.has(value) || !walkable(value)) continue;
		seen.add(value);
		const record = value as Record<string, unknown>;
		for (const key of Object.getOwnPropertyNames(value)) {
			if (SKIPPED_KEYS.has(key)) continue;
			const descriptor = Object.getOwnPropertyDescriptor(value, key);
			if (!descriptor || !('value' in descriptor)) continue;
			const item: unknown = descriptor.value;
			let target = key;
			const safeKey = redact(key);
			if (safeKey !== key && descriptor.configurable && !Array.isArray(value)) {
				delete record[key];
				Object.defineProperty(value, safeKey, { ...descriptor });
				target = safeKey;
			}
			if (typeof item === 'string') {
				const safe = redact(item);
				if (safe !== item && (descriptor.writable || descriptor.configurable)) {
					Object.defineProperty(value, target, { ...descriptor, value: safe });
				}
			} else if (item && typeof item === 'object') {
				pending.push(item);
			}
		}
	}
	return root;
}

/** The context methods redaction needs: the node and its credentials. */
interface CredentialReader {
	getNode(): INode;
	getCredentials(type: string, itemIndex?: number): Promise<ICredentialDataDecryptedObject>;
}

/** A redactor for the secrets of the given credential types (all of the node's when omitted). */
export async function redactorOf(context: CredentialReader, types?: string[]): Promise<Redact> {
	const names = types ?? Object.keys(context.getNode().credentials ?? {});
	const secrets: string[] = [];
	for (const name of names) {
		try {
			secrets.push(...secretsOf(await context.getCredentials(name)));
		} catch {
			// A credential type the node declares but the workflow does not set.
		}
	}
	return redactorFor(secrets);
}

/** Redacts an item's JSON in place (binary data is left alone). */
export function redactItems<T extends { json: IDataObject }>(items: T[], redact: Redact): T[] {
	for (const item of items) redactDeep(item.json, redact);
	return items;
}
