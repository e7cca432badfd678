import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { originOf, requestUrl } from './security';

type Credentials = ICredentialDataDecryptedObject;
type Signal = IHttpRequestOptions['abortSignal'];

/** How one credential type authenticates: where it may be sent, and the headers it adds. */
export interface CredentialAuth {
	/** The credential's Base URL: its origin is the only one the secret is ever sent to. */
	baseUrl: (credentials: Credentials) => string;
	/** The headers carrying the secret; throws an Error with a clear message for a malformed one. */
	headers: (credentials: Credentials) => IDataObject;
}

/** The deadline of one request: the caller's signal (n8n's cancel button) or the Timeout, whichever fires first. */
function withDeadline(signal: Signal, timeoutMs: number | undefined): Signal {
	if (!timeoutMs || timeoutMs <= 0) return signal;
	const deadline = AbortSignal.timeout(timeoutMs);
	return signal ? AbortSignal.any([signal as AbortSignal, deadline]) : deadline;
}

/**
 * The `authenticate` of every credential type of the package. n8n runs it for every request
 * made with the credential (operations, pickers, trigger (de)activation, the credential test),
 * right before sending, so it is where the request is made safe:
 *  - the secret goes only to the origin (scheme, host, port) of the credential's Base URL; a
 *    request anywhere else (e.g. an absolute URL from a provider's answer) is refused;
 *  - redirects are never followed: n8n would re-send `Authorization` to another origin (and
 *    custom key headers always), so a 3xx comes back as an answer and the shared error check
 *    reports it;
 *  - the Timeout bounds the whole request, body included: axios' own timeout stops counting
 *    once headers arrive, and n8n 2.x replaces any signal set before this point.
 */
export function authenticateWith(auth: CredentialAuth) {
	return async function authenticate(credentials: Credentials, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const headers = auth.headers(credentials);
		const allowed = originOf(auth.baseUrl(credentials));
		if (!allowed) throw new Error('The Base URL in the credential is not a valid http:// or https:// address.');
		const target = requestUrl(requestOptions);
		const origin = originOf(target);
		if (origin !== allowed) {
			throw new Error(`Refused to send the credential to ${origin ?? `"${target.slice(0, 100)}"`}: it is only sent to ${allowed}, the origin of the credential's Base URL.`);
		}
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, ...headers },
			disableFollowRedirect: true,
			maxRedirects: 0,
			sendCredentialsOnCrossOriginRedirect: false,
			abortSignal: withDeadline(requestOptions.abortSignal, requestOptions.timeout),
		};
	};
}

/** The credential's field, trimmed. */
const field = (credentials: Credentials, name: string) => String(credentials[name] ?? '').trim();

/**
 * `Authorization: Bearer <token>` after checking the token's format, so that a mistyped token
 * fails with a clear message (in the credential test too) instead of an opaque 401. The
 * message never repeats the token.
 */
export function bearerWithFormat(format: RegExp, formatMessage: string, name = 'token') {
	return (credentials: Credentials): IDataObject => {
		const token = field(credentials, name);
		if (!format.test(token)) throw new Error(formatMessage);
		return { Authorization: `Bearer ${token}` };
	};
}

/** `Authorization: Bearer <token>` as given. */
export const bearer = (name: string) => (credentials: Credentials): IDataObject => ({ Authorization: `Bearer ${field(credentials, name)}` });

/** A key in a header of its own (`x-api-key`, `Agent-Secret-Key`, …). */
export const keyHeader = (header: string, name: string) => (credentials: Credentials): IDataObject => ({ [header]: field(credentials, name) });

/** The Base URL field, without trailing slashes. */
export const baseUrlField = (credentials: Credentials) => String(credentials.baseUrl ?? '').replace(/\/+$/, '');
