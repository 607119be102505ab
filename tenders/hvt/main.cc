// main.cc: tenor-hvt entry point (being built up).
int main() { return 1; }
