import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { authenticateWith, baseUrlField, keyHeader } from '../nodes/shared/credentials';

export class TimelyAiApi implements ICredentialType {
	name = 'timelyAiApi';

	displayName = 'Timely AI API';

	icon = { light: 'file:../nodes/TimelyAi/timelyai.svg', dark: 'file:../nodes/TimelyAi/timelyai.dark.svg' } as const;

	documentationUrl = 'https://app.timelyai.com.br/developers';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Key from app.timelyai.com.br/developers; it needs the scopes of the operations you use',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.timelyai.com.br',
		},
	];

	authenticate = authenticateWith({ baseUrl: baseUrlField, headers: keyHeader('x-api-key', 'apiKey') });

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v1/me',
		},
	};
}
