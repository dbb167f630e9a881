import{c as s,ai as a,_ as e,a as c}from"./exchanges-answer-check-Bqn4ko_u.js";class o extends(s(c,e,"AssumeRole",a)){}export{o as A};
