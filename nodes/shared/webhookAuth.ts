import { createHash, createHmac, randomBytes, timingSafeEqual } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/** Maximum clock difference accepted for signed deliveries (replay window). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** A secret the trigger generates itself (header value or URL token): 256 bits, hex. */
export function generateSecret(bytes = 32): string {
	return randomBytes(bytes).toString('hex');
}

/** Constant-time string comparison; hashing first makes unequal lengths safe to compare. */
export function secretsEqual(received: unknown, expected: string): boolean {
	if (typeof received !== 'string' || received === '' || expected === '') return false;
	const a = createHash('sha256').update(received).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b);
}

export type Verdict = { ok: true } | { ok: false; reason: string };

/**
 * Verifies HMAC-SHA256(secret, "<unix>.<raw body>") in either layout:
 *  - `t=<unix>,v1=<hex>[,v1=<hex>…]` in the signature header, or
 *  - a bare hex signature with the timestamp in a separate header.
 */
export function verifyTimestampedHmac(input: {
	secret: string;
	rawBody: Buffer | string;
	signatureHeader: unknown;
	timestampHeader?: unknown;
	nowSeconds?: number;
	toleranceSeconds?: number;
}): Verdict {
	const header = typeof input.signatureHeader === 'string' ? input.signatureHeader.trim() : '';
	if (!header) return { ok: false, reason: 'missing signature header' };
	let timestamp: string | undefined;
	const signatures: string[] = [];
	if (header.includes('=')) {
		for (const part of header.split(',')) {
			const [key, ...rest] = part.trim().split('=');
			const value = rest.join('=');
			if (key === 't') timestamp = value;
			else if (key === 'v1' || key === 'sha256') signatures.push(value);
		}
	} else {
		signatures.push(header);
	}
	if (timestamp === undefined && typeof input.timestampHeader === 'string') timestamp = input.timestampHeader.trim();
	if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing or malformed timestamp' };
	const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
	const tolerance = input.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS;
	if (Math.abs(now - Number(timestamp)) > tolerance) {
		return { ok: false, reason: `timestamp outside the ${tolerance} s window` };
	}
	if (signatures.length === 0) return { ok: false, reason: 'no signature in header' };
	const body = typeof input.rawBody === 'string' ? Buffer.from(input.rawBody) : input.rawBody;
	const expected = createHmac('sha256', input.secret).update(`${timestamp}.`).update(body).digest();
	const matches = signatures.some((signature) => {
		if (!/^[0-9a-f]+$/i.test(signature) || signature.length !== expected.length * 2) return false;
		return timingSafeEqual(Buffer.from(signature, 'hex'), expected);
	});
	return matches ? { ok: true } : { ok: false, reason: 'signature does not match' };
}

/** The raw request bytes n8n kept for us; signatures are computed over these, never re-serialised JSON. */
export function rawBodyOf(context: IWebhookFunctions): Buffer | undefined {
	const raw = (context.getRequestObject() as unknown as { rawBody?: Buffer | string }).rawBody;
	if (raw === undefined || raw === null) return undefined;
	return Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
}

/** Answers a rejected delivery and tells n8n not to start an execution. */
export function rejectDelivery(context: IWebhookFunctions, status: 400 | 401 | 413, reason: string): IWebhookResponseData {
	const response = context.getResponseObject();
	response.status(status).json({ error: status === 401 ? 'unauthorized' : 'bad request', reason });
	return { noWebhookResponse: true };
}

/** Answers a delivery that is authentic but not wanted here (an unselected event). */
export function acknowledgeWithoutRun(context: IWebhookFunctions, reason: string): IWebhookResponseData {
	context.getResponseObject().status(200).json({ received: true, ignored: reason });
	return { noWebhookResponse: true };
}

/** How long a secret read from a credential on delivery is reused. */
export const CREDENTIAL_SECRET_REUSE_MS = 10_000;
const credentialSecrets = new Map<string, { value: string | undefined; at: number }>();

/**
 * The secret a delivery must carry when it comes from the node's credential (`derive` picks or
 * computes it). In n8n 2.x a delivery to a community trigger holds an expression isolate for as
 * long as webhook() runs, and reading a credential is a database query: per delivery it cost the
 * Velents and VoxStack triggers 40 % of their throughput (bench/results.md). So a value that
 * matched is reused for CREDENTIAL_SECRET_REUSE_MS; anything that does not match is checked
 * against a fresh read, so a new secret works at once and a replaced one stops within that time.
 */
export async function credentialSecret(
	context: IWebhookFunctions,
	credentialType: string,
	received: unknown,
	derive: (credentials: ICredentialDataDecryptedObject) => string | undefined,
): Promise<string | undefined> {
	const node = context.getNode();
	const ref = node.credentials?.[credentialType];
	const key = `${credentialType}|${ref?.id ?? ref?.name}|${node.webhookId}`;
	const kept = credentialSecrets.get(key);
	if (kept?.value !== undefined && Date.now() - kept.at < CREDENTIAL_SECRET_REUSE_MS && secretsEqual(received, kept.value)) return kept.value;
	const value = derive(await context.getCredentials(credentialType));
	credentialSecrets.set(key, { value, at: Date.now() });
	return value;
}

/** Reads a header case-insensitively from n8n's header data. */
export function headerValue(context: IWebhookFunctions, name: string): string | undefined {
	const headers = context.getHeaderData() as IDataObject;
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
	const value = key === undefined ? undefined : headers[key];
	return Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);
}
