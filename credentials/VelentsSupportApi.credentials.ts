import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/** AppName_tenantId_PersonalAccessToken_plainTextToken: four parts joined by underscores. */
const TENANT_TOKEN_FORMAT = /^[^_\s]+_[^_\s]+_[^_\s]+_\S+$/;

export class VelentsSupportApi implements ICredentialType {
	name = 'velentsSupportApi';

	displayName = 'Velents Support Center API';

	icon = { light: 'file:../nodes/Velents/velents.svg', dark: 'file:../nodes/Velents/velents.dark.svg' } as const;

	documentationUrl = 'https://bump.sh/agentsa/doc/agentsa';

	properties: INodeProperties[] = [
		{
			displayName: 'Tenant Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'AppName_tenantId_PersonalAccessToken_plainTextToken',
			description: 'Support Center token issued by your Velents administrator; it carries the abilities the operations need',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://velents-agents.velents.ai',
		},
	];

	// A function so that a token in the wrong format fails with a clear message (also in the
	// credential test) instead of an opaque 401.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token = String(credentials.token ?? '').trim();
		if (!TENANT_TOKEN_FORMAT.test(token)) {
			throw new Error(
				'The Support Center token must look like AppName_tenantId_PersonalAccessToken_plainTextToken (four parts joined by underscores). Ask your Velents administrator for the full token.',
			);
		}
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: `Bearer ${token}` } };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/Company/TenantAuth/me',
		},
	};
}
