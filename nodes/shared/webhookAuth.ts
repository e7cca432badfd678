import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteSingleFunctions,
	IHookFunctions,
	INodeProperties,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

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

/** How often the same rejection of one trigger is written to n8n's log. */
const WARN_EVERY_MS = 60_000;
const lastWarned = new Map<string, number>();

/**
 * Rejects a delivery whose cause the user must act on (a changed credential), and says so in
 * n8n's log: the provider alone sees the 401, so without the log the trigger would fall silent.
 * At most once a minute per trigger and reason, so a flood of bad deliveries cannot flood the log.
 */
export function rejectAndWarn(context: IWebhookFunctions, reason: string): IWebhookResponseData {
	const node = context.getNode();
	const key = `${node.webhookId ?? node.name}|${reason}`;
	const now = Date.now();
	if (now - (lastWarned.get(key) ?? -Infinity) >= WARN_EVERY_MS) {
		if (lastWarned.size > 1000) lastWarned.clear();
		lastWarned.set(key, now);
		context.logger.warn(`Trigger "${node.name}" (${node.type}) refused a delivery: ${reason}`);
	}
	return rejectDelivery(context, 401, reason);
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

/* ---------------------------------------------------------------------------------------------
 * Replay protection: a delivery already accepted starts no second run.
 * ------------------------------------------------------------------------------------------- */

/** How long, and how many, accepted deliveries a trigger remembers (whichever ends first). */
export const DELIVERY_MEMORY_SECONDS = 24 * 60 * 60;
export const DELIVERY_MEMORY_ENTRIES = 1000;

/** The option every trigger has; on by default, so old workflows get it too. */
export const ignoreDuplicatesField: INodeProperties = {
	displayName: 'Ignore Duplicate Deliveries',
	name: 'ignoreDuplicates',
	type: 'boolean',
	default: true,
	description:
		'Whether a delivery this trigger already accepted (same event ID, signature or body) is answered 200 without starting the workflow again. Remembers the last 1,000 deliveries of the past 24 hours.',
};

/** The sentence each trigger's notice ends with. */
export const DUPLICATES_NOTICE =
	'A delivery that was already accepted (a replay, or a provider retry) gets 200 and starts nothing (Ignore Duplicate Deliveries); every item carries its eventId for a Remove Duplicates node downstream.';

const sha256 = (value: Buffer | string) => createHash('sha256').update(value).digest('hex');

/**
 * The idempotency key of a delivery: the provider's event id where it sends one, else a hash of
 * the signature, else a hash of the raw body. Put on every item as `eventId`.
 */
export function deliveryId(source: { eventId?: unknown; signature?: string; body: Buffer | string | IDataObject }): string {
	const { eventId, signature, body } = source;
	if ((typeof eventId === 'string' && eventId.trim()) || (typeof eventId === 'number' && Number.isFinite(eventId))) return String(eventId).trim();
	if (signature) return `sig_${sha256(signature).slice(0, 32)}`;
	const raw = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body ?? null);
	return `body_${sha256(raw).slice(0, 32)}`;
}

interface DeliveryMemory {
	/** "<key>:<unix seconds, base 36>" entries joined by ",", oldest first: one string keeps the
	 * static data small and cheap for n8n to load, observe and save on every delivery. */
	deliveries?: string;
}

/** key → unix seconds of acceptance. */
type Seen = Map<string, number>;

/**
 * What this process accepted lately, per trigger. Deliveries in flight at the same time each load
 * the static data before the others saved theirs (the last save wins); merging this process's own
 * keys into every save keeps them all.
 */
const acceptedHere = new Map<string, Seen>();

function acceptedBy(trigger: string): Seen {
	let seen = acceptedHere.get(trigger);
	if (!seen) {
		if (acceptedHere.size >= 1000) acceptedHere.clear();
		seen = new Map();
		acceptedHere.set(trigger, seen);
	}
	return seen;
}

/**
 * Records an accepted delivery in the trigger's static data and tells whether it was seen before
 * (in the static data, or by this process for the same `trigger`). n8n saves a webhook's static
 * data after the request and the last save wins, so copies arriving at two webhook processors in
 * the same instant can both pass; anything later is caught, across restarts and processors.
 */
export function isRepeatDelivery(staticData: IDataObject, id: string, nowMs = Date.now(), trigger?: string): boolean {
	const memory = staticData as DeliveryMemory;
	const key = sha256(id).slice(0, 24);
	const now = Math.floor(nowMs / 1000);
	const oldest = now - DELIVERY_MEMORY_SECONDS;
	const seen: Seen = new Map();
	for (const entry of typeof memory.deliveries === 'string' && memory.deliveries ? memory.deliveries.split(',') : []) {
		const at = parseInt(entry.slice(25), 36);
		if (entry.length > 25 && entry[24] === ':' && at >= oldest) seen.set(entry.slice(0, 24), at);
	}
	const local = trigger === undefined ? undefined : acceptedBy(trigger);
	for (const [k, at] of local ?? []) {
		if (at < oldest) local!.delete(k);
		else if (!seen.has(k)) seen.set(k, at);
	}
	if (seen.has(key)) return true;
	seen.set(key, now);
	if (local) {
		local.set(key, now);
		if (local.size > DELIVERY_MEMORY_ENTRIES) local.delete(local.keys().next().value as string);
	}
	memory.deliveries = [...seen]
		.sort((a, b) => a[1] - b[1])
		.slice(-DELIVERY_MEMORY_ENTRIES)
		.map(([k, at]) => `${k}:${at.toString(36)}`)
		.join(',');
	return false;
}

/**
 * The end of every trigger's webhook(): a repeat is acknowledged without a run (when the option
 * is on), anything else becomes the items with `eventId` on each.
 *
 * The trigger answers the 200 itself (`noWebhookResponse`): n8n saves a webhook's static data
 * when the answer is given. n8n 2.x gives its own "on received" answer only after handing the
 * execution over, whose copy of the workflow resets the changed flag, so the memory would not
 * be saved (n8n 1.x answers first; answering here works in both).
 */
export function acceptDelivery(context: IWebhookFunctions, id: string, items: IDataObject[]): IWebhookResponseData {
	const node = context.getNode();
	const trigger = `${String(context.getWorkflow().id)}|${node.name}|${node.webhookId}`;
	if (context.getNodeParameter('ignoreDuplicates', true) !== false && isRepeatDelivery(context.getWorkflowStaticData('node'), id, Date.now(), trigger)) {
		return acknowledgeWithoutRun(context, `delivery ${id} was already accepted`);
	}
	// An empty 200, as n8n's own "on received" answer.
	context.getResponseObject().status(200).end();
	return { noWebhookResponse: true, workflowData: [items.map((json) => ({ json: { ...json, eventId: id } }))] };
}

/* ---------------------------------------------------------------------------------------------
 * Webhook secrets kept out of the workflow JSON.
 * ------------------------------------------------------------------------------------------- */

/**
 * A secret the trigger chooses: derived from the credential's key and the webhook's identity,
 * so it is recomputed when needed and never stored.
 */
export function deriveWebhookSecret(credentialKey: string, ids: { workflowId?: string; nodeId?: string; webhookId?: string }): string {
	return createHmac('sha256', credentialKey)
		.update(`n8n-webhook-secret:${ids.workflowId ?? ''}:${ids.nodeId ?? ''}:${ids.webhookId ?? ''}`)
		.digest('hex');
}

/** What the static data keeps of a secret the provider checks by equality: a one-way hash. */
export function secretVerifier(secret: string): string {
	return `sha256:${sha256(secret)}`;
}

/** Compares a received header against a stored verifier in constant time. */
export function matchesVerifier(received: unknown, verifier: unknown): boolean {
	if (typeof received !== 'string' || received === '' || typeof verifier !== 'string' || !verifier.startsWith('sha256:')) return false;
	const expected = Buffer.from(verifier.slice(7), 'hex');
	const actual = createHash('sha256').update(received).digest();
	return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The identity a derived secret is bound to. */
export function webhookIdentity(context: IHookFunctions | IWebhookFunctions) {
	const node = context.getNode();
	return { workflowId: String(context.getWorkflow().id ?? ''), nodeId: node.id, webhookId: node.webhookId };
}

const sealingKey = (credentialKey: string, purpose: string) => createHmac('sha256', credentialKey).update(`n8n-sealed-secret:${purpose}`).digest();

/** Encrypts a provider-issued secret with a key derived from the credential (AES-256-GCM). */
export function sealSecret(credentialKey: string, purpose: string, secret: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', sealingKey(credentialKey, purpose), iv);
	const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
	return `v1.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${data.toString('base64url')}`;
}

/** Decrypts a sealed secret; undefined when the credential's key is not the one it was sealed with. */
export function openSecret(credentialKey: string, purpose: string, sealed: string): string | undefined {
	const [version, iv, tag, data] = sealed.split('.');
	if (version !== 'v1' || !iv || !tag || data === undefined) return undefined;
	try {
		const decipher = createDecipheriv('aes-256-gcm', sealingKey(credentialKey, purpose), Buffer.from(iv, 'base64url'));
		decipher.setAuthTag(Buffer.from(tag, 'base64url'));
		return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
	} catch {
		return undefined;
	}
}

const openedSecrets = new Map<string, string>();

/**
 * A sealed secret opened with the node's credential. Opened values are kept in this process's
 * memory (never in the workflow), so only the first delivery after a start reads the credential.
 */
export async function openStoredSecret(
	context: IWebhookFunctions | IHookFunctions,
	credentialType: string,
	keyOf: (credentials: ICredentialDataDecryptedObject) => string,
	purpose: string,
	sealed: string,
): Promise<string | undefined> {
	const kept = openedSecrets.get(sealed);
	if (kept !== undefined) return kept;
	const opened = openSecret(keyOf(await context.getCredentials(credentialType)), purpose, sealed);
	if (opened !== undefined) {
		if (openedSecrets.size >= 1000) openedSecrets.clear();
		openedSecrets.set(sealed, opened);
	}
	return opened;
}

/* ---------------------------------------------------------------------------------------------
 * Secrets go only to this n8n's own trigger URLs.
 * ------------------------------------------------------------------------------------------- */

const WEBHOOK_ID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** The instance's base URLs a trigger URL of ours starts with (n8n 1.x and 2.x both expose it). */
function instanceBases(context: IExecuteSingleFunctions): URL[] {
	const bases: URL[] = [];
	const add = (value: unknown) => {
		try {
			if (typeof value === 'string' && value) bases.push(new URL(value));
		} catch {
			// not a URL: ignore
		}
	};
	add((context as unknown as { getInstanceBaseUrl?: () => string }).getInstanceBaseUrl?.());
	// The webhook base (WEBHOOK_URL) when the editor has its own URL: $execution.resumeUrl is
	// <webhook base>/webhook-waiting/<execution id>.
	try {
		const resumeUrl = context.evaluateExpression('={{ $execution.resumeUrl }}', context.getItemIndex());
		if (typeof resumeUrl === 'string') add(resumeUrl.replace(/\/[^/]+\/[^/]+\/?$/, '/'));
	} catch {
		// no execution context (e.g. a tool call without one): the instance URL alone decides
	}
	return bases;
}

export type TriggerUrlCheck =
	| { kind: 'own'; webhookId: string }
	| { kind: 'foreignTrigger'; instance: string }
	| { kind: 'other' };

/**
 * Whether `url` is a production or test URL of one of this instance's triggers with the given
 * last path segment (`/webhook/<uuid>/<triggerPath>` under the instance's base URL), a URL of the
 * same shape on another host (a trigger elsewhere, or a misconfigured base URL), or anything else.
 */
export function checkTriggerUrl(context: IExecuteSingleFunctions, url: string, triggerPath: string): TriggerUrlCheck {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return { kind: 'other' };
	}
	const shape = new RegExp(`/[^/]+/(${WEBHOOK_ID})/${triggerPath}/?$`, 'i');
	const match = shape.exec(parsed.pathname);
	if (!match) return { kind: 'other' };
	const bases = instanceBases(context);
	for (const base of bases) {
		const prefix = base.pathname.replace(/\/+$/, '');
		if (parsed.origin === base.origin && parsed.pathname.startsWith(`${prefix}/`) && shape.exec(parsed.pathname.slice(prefix.length))?.index === 0) {
			return { kind: 'own', webhookId: match[1].toLowerCase() };
		}
	}
	return { kind: 'foreignTrigger', instance: bases[0]?.origin ?? 'unknown' };
}
