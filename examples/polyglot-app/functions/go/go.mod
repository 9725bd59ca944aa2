module polyglot/greeter

go 1.19
