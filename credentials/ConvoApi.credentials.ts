import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

const TOKEN_FORMAT = /^convo_[0-9a-f]{32}$/;

export class ConvoApi implements ICredentialType {
	name = 'convoApi';

	displayName = 'Convo (Avelto) API';

	icon = { light: 'file:../nodes/Convo/convo.svg', dark: 'file:../nodes/Convo/convo.dark.svg' } as const;

	documentationUrl = 'https://api.avelto.pl/api/v1';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'convo_0123456789abcdef0123456789abcdef',
			description:
				'Workspace API token from Settings → API tokens in Convo: "convo_" followed by 32 hex characters. Grant only the scopes the workflow needs.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.avelto.pl/api/v1',
			description: 'Change only for a self-hosted or sandbox Convo API',
		},
	];

	// A function rather than a generic header so that a mistyped token fails with a clear
	// message (in the credential test too) instead of an opaque 401.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token = String(credentials.apiToken ?? '').trim();
		if (!TOKEN_FORMAT.test(token)) {
			throw new Error(
				'The Convo API token must be "convo_" followed by 32 lowercase hex characters. Copy the whole token from Settings → API tokens.',
			);
		}
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${token}` },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/channels',
		},
	};
}
