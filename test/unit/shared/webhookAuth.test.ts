import { createHmac } from 'node:crypto';

import { credentialSecret, generateSecret, secretsEqual, verifyTimestampedHmac } from '../../../nodes/shared/webhookAuth';

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
