import { createHmac } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import {
	credentialSecret,
	deliveryId,
	DELIVERY_MEMORY_ENTRIES,
	DELIVERY_MEMORY_SECONDS,
	deriveWebhookSecret,
	generateSecret,
	isRepeatDelivery,
	matchesVerifier,
	openSecret,
	sealSecret,
	secretsEqual,
	secretVerifier,
	verifyTimestampedHmac,
} from '../../../nodes/shared/webhookAuth';

const secret = 'wh_test_secret';
const body = '{"event":"lead.created","data":{"id":"1"}}';
const now = 1_800_000_000;
const sign = (unix: number, payload = body, key = secret) => createHmac('sha256', key).update(`${unix}.${payload}`).digest('hex');

describe('webhook authentication helpers', () => {
	it('accepts t=…,v1=… and the split layout, and a rotated second signature', () => {
		expect(verifyTimestampedHmac({ secret, rawBody: body, signatureHeader: `t=${now},v1=${sign(now)}`, nowSeconds: now })).toEqual({ ok: true });
		expect(verifyTimestampedHmac({ secret, rawBody: Buffer.from(body), signatureHeader: sign(now), timestampHeader: String(now), nowSeconds: now })).toEqual({ ok: true });
		expect(verifyTimestampedHmac({ secret, rawBody: body, signatureHeader: `t=${now},v1=${'0'.repeat(64)},v1=${sign(now)}`, nowSeconds: now })).toEqual({ ok: true });
	});

	it.each([
		['a forged signature', `t=${now},v1=${sign(now, body, 'other')}`, undefined, now, 'signature does not match'],
		['a tampered body', `t=${now},v1=${sign(now, body.replace('1', '2'))}`, undefined, now, 'signature does not match'],
		['a timestamp 301 s old', `t=${now - 301},v1=${sign(now - 301)}`, undefined, now, 'timestamp outside the 300 s window'],
		['a timestamp 301 s ahead', `t=${now + 301},v1=${sign(now + 301)}`, undefined, now, 'timestamp outside the 300 s window'],
		['no header', undefined, undefined, now, 'missing signature header'],
		['no timestamp', sign(now), undefined, now, 'missing or malformed timestamp'],
		['a non-hex signature', `t=${now},v1=zz`, undefined, now, 'signature does not match'],
		['a truncated signature', `t=${now},v1=${sign(now).slice(0, 40)}`, undefined, now, 'signature does not match'],
	])('rejects %s', (_name, header, timestamp, at, reason) => {
		expect(verifyTimestampedHmac({ secret, rawBody: body, signatureHeader: header, timestampHeader: timestamp, nowSeconds: at })).toEqual({ ok: false, reason });
	});

	it('accepts the edge of the window (exactly 300 s)', () => {
		expect(verifyTimestampedHmac({ secret, rawBody: body, signatureHeader: `t=${now - 300},v1=${sign(now - 300)}`, nowSeconds: now }).ok).toBe(true);
	});

	it('compares secrets in constant time, including unequal lengths and empty values', () => {
		const generated = generateSecret();
		expect(generated).toMatch(/^[0-9a-f]{64}$/);
		expect(generateSecret()).not.toBe(generated);
		expect(secretsEqual(generated, generated)).toBe(true);
		expect(secretsEqual(`${generated}x`, generated)).toBe(false);
		expect(secretsEqual('', '')).toBe(false);
		expect(secretsEqual(undefined, generated)).toBe(false);
	});

	it('reuses a credential secret that matched, and reads the credential again for anything else', async () => {
		const credential = { webhookSecret: 'first-secret' };
		let reads = 0;
		const context = {
			getNode: () => ({ name: 'Trigger', webhookId: 'hook-reuse', credentials: { someApi: { id: 'cred-reuse', name: 'some' } } }),
			getCredentials: async () => {
				reads++;
				return { ...credential };
			},
		} as never;
		const expected = async (received: string) => await credentialSecret(context, 'someApi', received, (c) => String(c.webhookSecret));
		expect(await expected('first-secret')).toBe('first-secret');
		expect(await expected('first-secret')).toBe('first-secret');
		expect(reads).toBe(1);
		// A forged value never rides on the kept one: every mismatch is a fresh read.
		expect(await expected('forged')).toBe('first-secret');
		expect(await expected('forged')).toBe('first-secret');
		expect(reads).toBe(3);
		// A rotated secret is accepted on its first delivery, and from then on the old one is not.
		credential.webhookSecret = 'second-secret';
		expect(await expected('second-secret')).toBe('second-secret');
		expect(await expected('first-secret')).toBe('second-secret');
		expect(reads).toBe(5);
	});
});

describe('delivery memory (replay protection)', () => {
	it('keys a delivery by the event id, else the signature, else the raw body', () => {
		expect(deliveryId({ eventId: 'evt_1', signature: 't=1,v1=ab', body: '{}' })).toBe('evt_1');
		expect(deliveryId({ eventId: 42, body: '{}' })).toBe('42');
		expect(deliveryId({ eventId: '', signature: 't=1,v1=ab', body: '{}' })).toMatch(/^sig_[0-9a-f]{32}$/);
		expect(deliveryId({ body: Buffer.from('{"a":1}') })).toBe(deliveryId({ body: '{"a":1}' }));
		expect(deliveryId({ body: '{"a":1}' })).not.toBe(deliveryId({ body: '{"a":2}' }));
		expect(deliveryId({ body: { a: 1 } })).toMatch(/^body_[0-9a-f]{32}$/);
	});

	it('remembers an accepted delivery, in static data that holds only hashes', () => {
		const staticData: IDataObject = { other: 'kept' };
		expect(isRepeatDelivery(staticData, 'evt_secret_id', now * 1000)).toBe(false);
		expect(isRepeatDelivery(staticData, 'evt_secret_id', now * 1000 + 1000)).toBe(true);
		expect(isRepeatDelivery(staticData, 'evt_other', now * 1000)).toBe(false);
		expect(staticData.other).toBe('kept');
		expect(typeof staticData.deliveries).toBe('string');
		expect(JSON.stringify(staticData)).not.toContain('evt_secret_id');
		// A JSON round trip (n8n saves and loads static data) keeps the memory.
		const reloaded = JSON.parse(JSON.stringify(staticData));
		expect(isRepeatDelivery(reloaded, 'evt_other', now * 1000 + 5000)).toBe(true);
	});

	it('forgets deliveries older than the window, and keeps at most the newest entries', () => {
		const staticData: IDataObject = {};
		isRepeatDelivery(staticData, 'old', now * 1000);
		expect(isRepeatDelivery(staticData, 'old', (now + DELIVERY_MEMORY_SECONDS - 1) * 1000)).toBe(true);
		expect(isRepeatDelivery(staticData, 'old', (now + DELIVERY_MEMORY_SECONDS + 1) * 1000)).toBe(false);
		const busy: IDataObject = {};
		for (let i = 0; i <= DELIVERY_MEMORY_ENTRIES; i++) isRepeatDelivery(busy, `d${i}`, now * 1000);
		expect(String(busy.deliveries).split(',')).toHaveLength(DELIVERY_MEMORY_ENTRIES);
		expect(isRepeatDelivery(busy, `d${DELIVERY_MEMORY_ENTRIES}`, now * 1000)).toBe(true);
		expect(isRepeatDelivery(busy, 'd0', now * 1000)).toBe(false);
		expect(String(busy.deliveries).length).toBeLessThan(40 * DELIVERY_MEMORY_ENTRIES);
	});

	it('keeps every key when deliveries in flight together each saved the copy they loaded (last save wins)', () => {
		const saved: IDataObject = {};
		// Three requests load the same stored copy before any of them saved.
		const copies = [0, 1, 2].map(() => JSON.parse(JSON.stringify(saved)) as IDataObject);
		copies.forEach((copy, i) => expect(isRepeatDelivery(copy, `parallel-${i}`, now * 1000, 'wf|Trigger|hook')).toBe(false));
		// The last save wins, and still holds all three.
		const last = JSON.parse(JSON.stringify(copies[2]));
		for (const i of [0, 1, 2]) expect(isRepeatDelivery(JSON.parse(JSON.stringify(last)), `parallel-${i}`, now * 1000)).toBe(true);
		// Without this process's memory (another trigger) the first two would have been lost.
		const alone = [0, 1, 2].map(() => JSON.parse(JSON.stringify(saved)) as IDataObject);
		alone.forEach((copy, i) => isRepeatDelivery(copy, `alone-${i}`, now * 1000, `wf|Trigger|hook-${i}`));
		expect(isRepeatDelivery(JSON.parse(JSON.stringify(alone[2])), 'alone-0', now * 1000)).toBe(false);
	});

	it('starts afresh from malformed memory', () => {
		expect(isRepeatDelivery({ deliveries: 42 } as never, 'x')).toBe(false);
		expect(isRepeatDelivery({ deliveries: 'garbage,,zz' }, 'x')).toBe(false);
	});
});

describe('webhook secrets kept out of the workflow', () => {
	it('derives a secret per credential key and webhook identity', () => {
		const ids = { workflowId: 'w', nodeId: 'n', webhookId: 'h' };
		const derived = deriveWebhookSecret('key-1', ids);
		expect(derived).toMatch(/^[0-9a-f]{64}$/);
		expect(deriveWebhookSecret('key-1', ids)).toBe(derived);
		expect(deriveWebhookSecret('key-2', ids)).not.toBe(derived);
		expect(deriveWebhookSecret('key-1', { ...ids, webhookId: 'other' })).not.toBe(derived);
	});

	it('checks a received secret against its stored one-way verifier', () => {
		const verifier = secretVerifier('the-secret');
		expect(verifier).not.toContain('the-secret');
		expect(matchesVerifier('the-secret', verifier)).toBe(true);
		expect(matchesVerifier('the-secreT', verifier)).toBe(false);
		expect(matchesVerifier('', verifier)).toBe(false);
		expect(matchesVerifier('the-secret', undefined)).toBe(false);
		expect(matchesVerifier('the-secret', 'the-secret')).toBe(false);
	});

	it('seals a provider secret so that only the same credential key opens it', () => {
		const sealed = sealSecret('token-a', 'purpose', 'wh_provider_secret');
		expect(sealed).not.toContain('wh_provider_secret');
		expect(sealSecret('token-a', 'purpose', 'wh_provider_secret')).not.toBe(sealed);
		expect(openSecret('token-a', 'purpose', sealed)).toBe('wh_provider_secret');
		expect(openSecret('token-b', 'purpose', sealed)).toBeUndefined();
		expect(openSecret('token-a', 'other-purpose', sealed)).toBeUndefined();
		expect(openSecret('token-a', 'purpose', sealed.slice(0, -2) + 'AA')).toBeUndefined();
		expect(openSecret('token-a', 'purpose', 'wh_plain')).toBeUndefined();
	});
});
