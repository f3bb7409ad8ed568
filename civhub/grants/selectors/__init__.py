"""Read queries of the grant: the co-financing monitor, budget versions, expenditure, deadlines."""
