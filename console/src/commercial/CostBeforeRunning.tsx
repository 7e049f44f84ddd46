import { dollars, searchTitle, type CommercialPrice, type PriceList } from './commercialQuery';

/**
 * [P3] What the searches chosen will cost, and what the command has left this month, shown
 * before Run is pressed: each price, the total, the budget after. Prices come from the server.
 */
export function CostBeforeRunning({ list, chosen }: { list: PriceList; chosen: CommercialPrice[] }) {
  const total = chosen.reduce((sum, price) => sum + price.costCents, 0);
  const remaining = list.remainingCents;
  return (
    <section aria-labelledby="cost-title" className="cost">
      <h2 id="cost-title">Cost before running</h2>
      <table>
        <caption>
          Charged to {list.command} for {list.month} when the provider answers; a failed search costs nothing, a repeat within the cache time is free
        </caption>
        <thead>
          <tr>
            <th scope="col">Search</th>
            <th scope="col">Provider</th>
            <th scope="col">Price</th>
          </tr>
        </thead>
        <tbody>
          {chosen.map((price) => (
            <tr key={`${price.search}_${price.provider}`}>
              <td>{searchTitle(price.search)}</td>
              <td>{price.provider}</td>
              <td>{dollars(price.costCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Total
            </th>
            <td data-testid="cost-total">{dollars(total)}</td>
          </tr>
        </tfoot>
      </table>
      {remaining === null ? (
        <p role="alert" className="refusal">
          {list.command} has no commercial budget: it can make no paid search.
        </p>
      ) : (
        <p>
          Remaining budget of {list.command} this month: <strong data-testid="budget-remaining">{dollars(remaining)}</strong> of {dollars(list.budgetCents ?? 0)}
          {chosen.length > 0 && <> · after these searches: {dollars(remaining - total)}</>}
        </p>
      )}
      {remaining !== null && total > remaining && (
        <p role="alert" className="refusal">
          These searches cost more than the command has left this month: choose fewer.
        </p>
      )}
    </section>
  );
}
