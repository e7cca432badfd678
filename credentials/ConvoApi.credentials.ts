import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { authenticateWith, baseUrlField, bearerWithFormat } from '../nodes/shared/credentials';

// The document: "convo_ followed by 32 hex characters" (either case).
const TOKEN_FORMAT = /^convo_[0-9a-f]{32}$/i;

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

	authenticate = authenticateWith({
		baseUrl: baseUrlField,
		headers: bearerWithFormat(
			TOKEN_FORMAT,
			'The Convo API token must be "convo_" followed by 32 hex characters. Copy the whole token from Settings → API tokens.',
			'apiToken',
		),
	});

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/channels',
		},
	};
}
