import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * Adds `Authorization: Bearer <token>` after checking the token's format, so that a mistyped
 * token fails with a clear message (in the credential test too) instead of an opaque 401.
 * The message never repeats the token.
 */
export function bearerWithFormat(format: RegExp, formatMessage: string, field = 'token') {
	return async function authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token = String(credentials[field] ?? '').trim();
		if (!format.test(token)) throw new Error(formatMessage);
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: `Bearer ${token}` } };
	};
}
