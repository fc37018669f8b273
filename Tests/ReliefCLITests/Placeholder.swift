import ReliefCLI
