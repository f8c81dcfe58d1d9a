import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';

const url = process.env.HUB_URL ?? 'http://127.0.0.1:4000/graphql';
const token = process.env.HUB_TOKEN; // npm run token -- --role public --sub user-1

const client = new ApolloClient({
  link: new HttpLink({ uri: url, headers: token ? { authorization: `Bearer ${token}` } : {} }),
  cache: new InMemoryCache(),
});

const PROVINCE = gql`
  query Province($code: ID!, $year: Int!) {
    region(code: $code) {
      code
      name
      activityStats(campaign: $year) { activityCount checkInCount }
      volunteerStats(campaign: $year) { volunteerCount serviceHours }
      evaluationStats(campaign: $year) { feedbackCount averageRating }
    }
  }
`;

async function main(): Promise<void> {
  const { data, error } = await client.query({ query: PROVINCE, variables: { code: '420000', year: 2020 } });
  if (error) throw error;
  console.log(JSON.stringify(data));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
