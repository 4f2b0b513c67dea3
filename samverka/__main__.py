from samverka.manage import main

main()
