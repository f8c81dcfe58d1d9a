# Anonymous (the public): Hubei's activities of the 2020 campaign, with their organisers (another subgraph).
curl -s -w '\n' "${HUB_URL:-http://127.0.0.1:4000/graphql}" -H 'content-type: application/json' \
  -d '{"query":"{ activities(first: 3, filter: {campaign: 2020, regionCode: \"420000\"}) { totalCount edges { node { title organizer { name } } } } }"}'

# With a token and variables: an operation name, variables as JSON, the bearer token in a header.
curl -s -w '\n' "${HUB_URL:-http://127.0.0.1:4000/graphql}" -H 'content-type: application/json' \
  -H "authorization: Bearer $HUB_TOKEN" \
  -d '{"query":"query Region($code: ID!, $year: Int) { region(code: $code) { name activityStats(campaign: $year) { activityCount checkInCount } } }","operationName":"Region","variables":{"code":"420000","year":2020}}'
