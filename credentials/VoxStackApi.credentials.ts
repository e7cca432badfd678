import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { authenticateWith, bearerWithFormat } from '../nodes/shared/credentials';
import { apiBaseUrl } from '../nodes/VoxStack/api';

export class VoxStackApi implements ICredentialType {
	name = 'voxStackApi';

	displayName = 'VoxStack API';

	icon = { light: 'file:../nodes/VoxStack/voxstack.svg', dark: 'file:../nodes/VoxStack/voxstack.dark.svg' } as const;

	documentationUrl = 'https://voxstack.dev';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://voice.your-company.com',
			description: 'The address of your VoxStack installation; /api/v1 is added for you',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'va_…',
			description: 'API key from the API Keys section of VoxStack (starts with va_)',
		},
	];

	// The document's keys start with va_ ("Bearer va_your_api_key_here"); no length is stated.
	authenticate = authenticateWith({
		baseUrl: apiBaseUrl,
		headers: bearerWithFormat(/^va_\S+$/, 'The VoxStack API key must start with "va_". Copy the whole key from the API Keys section.', 'apiKey'),
	});

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "").replace(/\\/api\\/v1$/, "") + "/api/v1"}}',
			url: '/agents',
			qs: { limit: 1 },
		},
	};
}
